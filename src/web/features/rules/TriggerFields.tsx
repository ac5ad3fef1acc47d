import { Group, NumberInput, Select, Stack, Text, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import {
  DOMAIN_EVENT_TYPES,
  HEALTH_BANDS,
  type RuleTriggerKind,
  THRESHOLD_METRICS,
} from "../../../contract/index.ts";
import { BAND_LABELS } from "../health/healthText.ts";
import { useStages } from "../lifecycle/use-lifecycle.ts";
import { METRIC_LABELS, SURVEY_KIND_LABELS, TRIGGER_KIND_LABELS } from "./labels.ts";
import type { RuleValues } from "./ruleDraft.ts";
import { useAccountSegments } from "./use-rules.ts";

const KIND_HINTS: Record<RuleTriggerKind, string> = {
  health_band: "Fires when an account's health band changes (checked as health is scored).",
  threshold:
    "Fires when an account crosses the line. Checked every 15 minutes; switched on, it starts from today.",
  segment: "Fires as an account enters or leaves the segment (segments are counted every 15 minutes).",
  stage_change: "Fires when an account's lifecycle stage changes.",
  survey_answer: "Fires for each survey answer from one of the account's contacts.",
  renewal: "Fires once per renewal date, when the next renewal is this many days away.",
  key_player_left: "Fires when an economic buyer, decision maker or champion leaves the company.",
  outcome_at_risk: "Fires when a key player's business outcome goes at risk.",
  event: "Fires for every event of this type about an account. Changes made by rules never fire rules.",
  schedule: "Fires at each time of the schedule for every account that fits. Checked every minute.",
};

/** The trigger: its kind in words, then the fields that kind takes. */
export function TriggerFields({ form }: { form: UseFormReturnType<RuleValues> }) {
  const stages = useStages();
  const t = form.values.trigger;
  const segments = useAccountSegments();
  return (
    <Stack gap="sm">
      <Select
        label="When"
        allowDeselect={false}
        data={(Object.keys(TRIGGER_KIND_LABELS) as RuleTriggerKind[]).map((k) => ({
          value: k,
          label: TRIGGER_KIND_LABELS[k],
        }))}
        {...form.getInputProps("trigger.kind")}
        description={KIND_HINTS[t.kind]}
      />
      {t.kind === "event" ? (
        <Select
          label="Event"
          withAsterisk
          searchable
          data={[...DOMAIN_EVENT_TYPES]}
          {...form.getInputProps("trigger.eventType")}
        />
      ) : null}
      {t.kind === "schedule" ? (
        <TextInput
          label="Schedule"
          withAsterisk
          description="A cron expression in UTC: minute hour day-of-month month day-of-week. 0 8 * * 1 is Mondays at 08:00."
          ff="monospace"
          {...form.getInputProps("trigger.cron")}
        />
      ) : null}
      {t.kind === "threshold" ? (
        <Group gap="sm" align="flex-start" grow>
          <Select
            label="Number"
            allowDeselect={false}
            data={THRESHOLD_METRICS.map((m) => ({ value: m, label: METRIC_LABELS[m] }))}
            {...form.getInputProps("trigger.metric")}
          />
          <Select
            label="Direction"
            allowDeselect={false}
            data={[
              { value: "drops_below", label: "drops below" },
              { value: "rises_above", label: "rises above" },
            ]}
            {...form.getInputProps("trigger.direction")}
          />
          <NumberInput
            label="Line"
            withAsterisk
            description={t.metric.endsWith("probability") ? "A probability from 0 to 1" : undefined}
            {...form.getInputProps("trigger.value")}
          />
        </Group>
      ) : null}
      {t.kind === "health_band" ? (
        <Select
          label="Band"
          description="Leave empty to fire on any change of band"
          clearable
          placeholder="Any change"
          data={HEALTH_BANDS.map((b) => ({ value: b, label: `Turns ${BAND_LABELS[b].toLowerCase()}` }))}
          value={t.band || null}
          onChange={(v) => form.setFieldValue("trigger.band", (v ?? "") as RuleValues["trigger"]["band"])}
          error={form.errors["trigger.band"]}
        />
      ) : null}
      {t.kind === "stage_change" ? (
        <Select
          label="Stage"
          description="Leave empty to fire on any change of stage"
          clearable
          placeholder="Any change"
          data={stages.options(t.stage)}
          value={t.stage || null}
          onChange={(v) => form.setFieldValue("trigger.stage", (v ?? "") as RuleValues["trigger"]["stage"])}
          error={form.errors["trigger.stage"]}
        />
      ) : null}
      {t.kind === "segment" ? (
        <Group gap="sm" align="flex-start" grow>
          <Select
            label="Segment"
            withAsterisk
            searchable
            data={segments.options}
            nothingFoundMessage={segments.loading ? "Loading segments…" : "No account segment yet"}
            {...form.getInputProps("trigger.segmentId")}
          />
          <Select
            label="Change"
            allowDeselect={false}
            data={[
              { value: "entered", label: "enters it" },
              { value: "left", label: "leaves it" },
            ]}
            {...form.getInputProps("trigger.change")}
          />
        </Group>
      ) : null}
      {t.kind === "survey_answer" ? (
        <Group gap="sm" align="flex-start" grow>
          <Select
            label="Survey"
            clearable
            placeholder="Any survey"
            data={(["nps", "csat", "ces"] as const).map((k) => ({ value: k, label: SURVEY_KIND_LABELS[k] }))}
            value={t.surveyKind || null}
            onChange={(v) =>
              form.setFieldValue("trigger.surveyKind", (v ?? "") as RuleValues["trigger"]["surveyKind"])
            }
            error={form.errors["trigger.surveyKind"]}
          />
          <NumberInput
            label="Lowest score"
            placeholder="Any"
            allowDecimal={false}
            {...form.getInputProps("trigger.scoreAtLeast")}
          />
          <NumberInput
            label="Highest score"
            placeholder="Any"
            allowDecimal={false}
            {...form.getInputProps("trigger.scoreAtMost")}
          />
        </Group>
      ) : null}
      {t.kind === "renewal" ? (
        <NumberInput
          label="Days before"
          withAsterisk
          min={1}
          max={730}
          allowDecimal={false}
          w={200}
          rightSection={<Text size="xs">days</Text>}
          rightSectionWidth={44}
          {...form.getInputProps("trigger.daysBefore")}
        />
      ) : null}
    </Stack>
  );
}
