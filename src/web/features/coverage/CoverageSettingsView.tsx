import { Button, DataList, Group, List, Stack, Text } from "@mantine/core";
import { IconEye } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { COVERAGE_MODELS, type CoverageSettings, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { formatNumber } from "../../lib/format.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Section } from "../../ui/Section.tsx";
import { SettingsUpdated } from "../../ui/SettingsUpdated.tsx";
import { COVERAGE_LABELS } from "../health/healthText.ts";
import { filterText } from "../segments/filterText.ts";
import { useMemberNames, useSegmentFields } from "../segments/use-segments.ts";
import { CAPACITY_HELP, TIERING_HELP } from "./labels.ts";
import { TieringPreview } from "./TieringPreview.tsx";

/** The settings for people who may not change them: the capacity, the rules in words, a preview. */
export function CoverageSettingsView({ settings }: { settings: CoverageSettings }) {
  const fields = useSegmentFields("account");
  const nameOf = useMemberNames();
  const preview = useMutation({ mutationFn: () => api(routes.previewTiering, { body: {} }) });
  const { rules, enabled } = settings.tiering;
  return (
    <Stack gap="md" maw={1040}>
      <Text size="sm" c="dimmed">
        Only admins can change the coverage settings.
      </Text>
      <Section title="Capacity" description={CAPACITY_HELP} testId="coverage-capacity">
        <DataList size="sm" labelWidth={120} gap={6}>
          {COVERAGE_MODELS.map((c) => (
            <DataList.Item key={c}>
              <DataList.ItemLabel>{COVERAGE_LABELS[c]}</DataList.ItemLabel>
              <DataList.ItemValue>
                {formatNumber(settings.capacity[c])} accounts in a full book
              </DataList.ItemValue>
            </DataList.Item>
          ))}
        </DataList>
      </Section>
      <Section title="Tiering rules" description={TIERING_HELP} testId="coverage-tiering">
        <Stack gap="sm">
          {rules.length === 0 ? (
            <Text size="sm" c="dimmed">
              No tiering rules: tiers and coverage are set by hand.
            </Text>
          ) : (
            <List type="ordered" size="sm" spacing={4}>
              {rules.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the rules' order is their identity here
                <List.Item key={i}>
                  <Text span inherit fw={600}>
                    {r.tier}
                  </Text>
                  {r.coverage
                    ? `, ${COVERAGE_LABELS[r.coverage]?.toLowerCase()}`
                    : ", coverage left as it is"}
                  {" — "}
                  {filterText(r.filter, fields.byKey, nameOf) || "every account"}
                </List.Item>
              ))}
            </List>
          )}
          <Text size="sm">
            {enabled ? "Runs every night." : "Does not run at night: applied by hand only."}
          </Text>
        </Stack>
      </Section>
      <Group justify="space-between">
        <SettingsUpdated settings={settings} />
        <Button
          variant="default"
          leftSection={<IconEye size={16} />}
          loading={preview.isPending}
          disabled={rules.length === 0}
          onClick={() => preview.mutate()}
        >
          Preview
        </Button>
      </Group>
      {preview.isError ? <ErrorAlert error={preview.error} title="The preview failed" /> : null}
      {preview.data ? <TieringPreview result={preview.data} rules={rules} /> : null}
    </Stack>
  );
}
