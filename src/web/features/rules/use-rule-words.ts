import { useMemo } from "react";
import type { Rule } from "../../../contract/index.ts";
import { useStages } from "../lifecycle/use-lifecycle.ts";
import { usePlaybookChoices } from "../playbooks/use-playbooks.ts";
import { filterText } from "../segments/filterText.ts";
import { useMemberNames, useSegmentFields } from "../segments/use-segments.ts";
import { triggerText } from "./labels.ts";
import { useAccountSegments } from "./use-rules.ts";

/** A rule's trigger and conditions in words, with segments', fields', members' and playbooks' names. */
export function useRuleWords() {
  const segments = useAccountSegments();
  const { byKey, fields } = useSegmentFields("account");
  const nameOf = useMemberNames();
  const playbooks = usePlaybookChoices();
  const stages = useStages();
  return useMemo(
    () => ({
      trigger: (r: Rule) => triggerText(r.trigger, segments.nameOf, stages.labelOf),
      conditions: (r: Rule): string => {
        if (r.conditions.conditions.length === 0) return "Every account";
        if (!fields) return "…";
        return filterText(r.conditions, byKey, (id) => segments.nameOf(id) ?? nameOf(id));
      },
      memberName: nameOf,
      playbookName: playbooks.nameOf,
      stageName: stages.labelOf,
    }),
    [segments, byKey, fields, nameOf, playbooks, stages],
  );
}
