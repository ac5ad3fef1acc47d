export { cancelPlaybookRun, settlePlaybookRuns } from "./end-runs.ts";
export { getPlaybookRun, listPlaybookRuns } from "./find-runs.ts";
export {
  addDefaultPlaybooks,
  createPlaybook,
  deletePlaybook,
  findPlaybook,
  getPlaybook,
  listPlaybooks,
  playbookRow,
  updatePlaybook,
} from "./manage-playbooks.ts";
export { playbookReport } from "./report.ts";
export { type StartOutcome, startPlaybook, startPlaybooks } from "./start-playbooks.ts";
