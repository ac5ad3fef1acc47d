export { applyTransitions, applyTransitionsEverywhere, previewTransitions } from "./apply-transitions.ts";
export { getAccountLifecycle } from "./get-lifecycle.ts";
export { getLifecycleSettings, updateLifecycleSettings } from "./manage-settings.ts";
