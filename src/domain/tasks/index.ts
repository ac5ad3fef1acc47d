export { escalateOverdueTasks } from "./escalate-tasks.ts";
export { countTasks, getTask, listTasks } from "./find-tasks.ts";
export { closeTask, createTask, reopenTask, snoozeTask, updateTask } from "./manage-tasks.ts";
export { type Raised, raiseTasks } from "./raise-tasks.ts";
export { releaseOwnedTasks } from "./release-owned-tasks.ts";
export { autoResolveTasks, closeBySteward } from "./resolve-tasks.ts";
export { closedTimelineTitle, type RaisedTask } from "./task.rules.ts";
