import type { TaskReason } from "../../../contract/index.ts";
import { AnchorLink } from "../../ui/links.tsx";
import { reasonAfterStep, type StepRef, stepOfReason, stepRefText } from "./playbook.rules.ts";

/** "Step 2 of 5 · Risk: health turned poor", opening the run on the playbook's page. */
export function PlaybookStepLink({ step, size = "xs" }: { step: StepRef; size?: "xs" | "sm" }) {
  return (
    <AnchorLink
      to="/playbooks/$id"
      params={{ id: step.playbookId }}
      search={{ run: step.runId }}
      size={size}
      data-testid="task-playbook-step"
    >
      {stepRefText(step)}
    </AnchorLink>
  );
}

/** An item's reason in a line: a playbook step's links to its run, then the rest of the reason. */
export function ReasonLine({ reason }: { reason: TaskReason }) {
  const step = stepOfReason(reason);
  if (!step) return <>{reason.text}</>;
  return (
    <>
      <PlaybookStepLink step={step} /> · {reasonAfterStep(reason.text, step)}
    </>
  );
}
