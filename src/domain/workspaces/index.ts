export { createWorkspace, ZWorkspaceInput } from "./create-workspace.ts";
export { getWorkspaceBySlug } from "./get-workspace.ts";
export { listWorkspaces } from "./workspace.queries.ts";
