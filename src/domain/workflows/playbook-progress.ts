import type { EventConsumer } from "../events/index.ts";
import { settlePlaybookRuns } from "../playbooks/index.ts";

/**
 * A playbook's progress follows its tasks: when the last open step closes the run completes
 * (`playbook.ended`), and a step reopened makes it run again. Tasks closed by hand, by Steward or
 * by a stopped playbook all pass here.
 */
export const playbookProgress: EventConsumer = {
  name: "playbooks.progress",
  types: ["task.closed", "task.changed"],
  async handle(ctx, events) {
    const ids = events.flatMap((e) => {
      const reopened = e.type === "task.changed" && (e.data.fields as string[]).includes("reopened");
      return (e.type === "task.closed" || reopened) && typeof e.data.taskId === "string"
        ? [e.data.taskId]
        : [];
    });
    await settlePlaybookRuns(ctx, [...new Set(ids)]);
  },
};
