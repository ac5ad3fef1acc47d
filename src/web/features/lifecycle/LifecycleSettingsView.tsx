import { Badge, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { IconEye } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { type LifecycleSettings, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Section } from "../../ui/Section.tsx";
import { SettingsUpdated } from "../../ui/SettingsUpdated.tsx";
import { filterText } from "../segments/filterText.ts";
import { useMemberNames, useSegmentFields } from "../segments/use-segments.ts";
import { firstValueText } from "./lifecycleDraft.ts";
import { accountsWord, FIRST_VALUE_HELP, STAGES_HELP } from "./lifecycleText.ts";
import { TransitionsPreview } from "./TransitionsPreview.tsx";

type Stage = LifecycleSettings["stages"][number];

/** One stage in words: its name and kind, how many accounts are in it, its entry criteria. */
function StageSummary({ stage, index, criteria }: { stage: Stage; index: number; criteria: string | null }) {
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      data-testid="lifecycle-stage"
      bg={stage.hidden ? "gray.0" : undefined}
    >
      <Stack gap={4}>
        <Group gap="xs">
          <Text fw={600} size="sm">
            {index + 1}. {stage.label}
          </Text>
          <Badge variant="light" color={stage.builtIn ? "blue" : "grape"} tt="none">
            {stage.builtIn ? "Built-in" : "Own stage"}
          </Badge>
          {stage.hidden ? (
            <Badge variant="light" color="gray" tt="none">
              Hidden
            </Badge>
          ) : null}
          <Text size="sm" c="dimmed">
            {accountsWord(stage.accounts)}
          </Text>
        </Group>
        {stage.description ? <Text size="sm">{stage.description}</Text> : null}
        <Text size="sm" c={criteria ? undefined : "dimmed"}>
          {criteria === null
            ? "No entry criteria: accounts enter when a person or a rule puts them here."
            : `Entry criteria: ${criteria || "every account"}.`}
          {stage.automatic ? " Moves accounts in automatically." : ""}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The settings for people who may not change them: the stages in words, first value, a preview. */
export function LifecycleSettingsView({ settings }: { settings: LifecycleSettings }) {
  const fields = useSegmentFields("account");
  const nameOf = useMemberNames();
  const preview = useMutation({ mutationFn: () => api(routes.previewTransitions, { body: {} }) });
  const labelOf = (key: string) => settings.stages.find((s) => s.key === key)?.label ?? key;
  const anyAutomatic = settings.stages.some((s) => s.automatic);
  return (
    <Stack gap="md" maw={1040}>
      <Text size="sm" c="dimmed">
        Only admins can change the lifecycle settings.
      </Text>
      <Section
        title="Stages"
        count={settings.stages.length}
        description={STAGES_HELP}
        testId="lifecycle-stages"
      >
        <Stack gap="xs">
          {settings.stages.map((s, i) => (
            <StageSummary
              key={s.key}
              stage={s}
              index={i}
              criteria={s.entry ? filterText(s.entry, fields.byKey, nameOf) : null}
            />
          ))}
        </Stack>
      </Section>
      <Section title="First value" description={FIRST_VALUE_HELP} testId="lifecycle-first-value">
        <Text size="sm">{firstValueText(settings.firstValueMilestone)}</Text>
      </Section>
      <Group justify="space-between">
        <SettingsUpdated settings={settings} never="Never changed: these are the built-in stages." />
        <Button
          variant="default"
          leftSection={<IconEye size={16} />}
          loading={preview.isPending}
          disabled={!anyAutomatic}
          title={anyAutomatic ? undefined : "No stage moves accounts automatically"}
          onClick={() => preview.mutate()}
        >
          Preview
        </Button>
      </Group>
      {preview.isError ? <ErrorAlert error={preview.error} title="The preview failed" /> : null}
      {preview.data ? <TransitionsPreview result={preview.data} labelOf={labelOf} /> : null}
    </Stack>
  );
}
