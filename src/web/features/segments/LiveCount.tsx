import { Group, List, Loader, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { SegmentEntity, SegmentMember } from "../../../contract/index.ts";
import { formatNumber } from "../../lib/format.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { Section } from "../../ui/Section.tsx";
import { recordsWord } from "./labels.ts";
import type { useSegmentPreview } from "./use-segment-preview.ts";

type Preview = ReturnType<typeof useSegmentPreview>;

/** A matching record, linked to its page; a contact with its account. */
function SampleLine({ entity, m }: { entity: SegmentEntity; m: SegmentMember }) {
  if (entity === "account") {
    return (
      <AnchorLink to="/accounts/$id" params={{ id: m.id }} size="sm" target="_blank">
        {m.name}
      </AnchorLink>
    );
  }
  return (
    <Text size="sm" span>
      <AnchorLink to="/contacts/$id" params={{ id: m.id }} size="sm" target="_blank">
        {m.name || "(no name)"}
      </AnchorLink>
      {m.account ? (
        <Text span size="xs" c="dimmed">
          {" "}
          · {m.account.name}
        </Text>
      ) : null}
    </Text>
  );
}

/**
 * How many records the filter on screen matches now, and the first of them by name — counted
 * as the filter changes, before anything is saved. While a condition is unfinished or refused,
 * it says so (the rows say what is wrong) and keeps the last count, marked as out of date.
 */
export function LiveCount({
  entity,
  preview,
  unfinishedCount,
}: {
  entity: SegmentEntity;
  preview: Preview;
  /** Conditions still missing a field or value; null while the fields load. */
  unfinishedCount: number | null;
}) {
  const { data, pending, current, issues, error } = preview;
  const stale = !current;
  const count = data?.count;
  const note =
    unfinishedCount === null
      ? "Loading the fields…"
      : unfinishedCount > 0
        ? `${unfinishedCount === 1 ? "One condition needs" : `${unfinishedCount} conditions need`} a field or a value before the filter can be counted.`
        : issues.length > 0
          ? "The filter cannot be counted as it is: the marked conditions say what to change."
          : null;

  return (
    <Section
      title="Live count"
      description="Counted from today's data as you change the filter; nothing is saved"
      testId="segment-live-count"
    >
      <Stack gap="sm">
        {error && issues.length === 0 ? (
          <ErrorAlert error={error} title="The count failed" onRetry={() => preview.refetch()} />
        ) : null}
        {note ? (
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconAlertTriangle
              size={16}
              color="var(--mantine-color-orange-7)"
              style={{ flexShrink: 0, marginTop: 2 }}
            />
            <Text size="sm">{note}</Text>
          </Group>
        ) : null}
        {count !== undefined ? (
          <Group gap="xs" align="center">
            <Text
              fz={22}
              fw={600}
              c={stale ? "dimmed" : undefined}
              data-testid="live-count"
              data-current={current ? "true" : "false"}
              aria-live="polite"
            >
              {formatNumber(count)} {recordsWord(entity, count)} {count === 1 ? "matches" : "match"}
            </Text>
            {pending ? <Loader size="xs" aria-label="Counting" /> : null}
            {stale && !pending ? (
              <Text size="xs" c="dimmed">
                (before your last change)
              </Text>
            ) : null}
          </Group>
        ) : pending ? (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              Counting…
            </Text>
          </Group>
        ) : null}
        {data && data.sample.length > 0 ? (
          <div style={{ opacity: stale ? 0.6 : 1 }}>
            <Text size="xs" c="dimmed" mb={4}>
              {data.count > data.sample.length ? `The first ${data.sample.length} by name:` : "All of them:"}
            </Text>
            <List size="sm" spacing={2} listStyleType="none" data-testid="live-sample">
              {data.sample.map((m) => (
                <List.Item key={m.id}>
                  <SampleLine entity={entity} m={m} />
                </List.Item>
              ))}
            </List>
            {data.count > data.sample.length ? (
              <Text size="xs" c="dimmed" mt={4}>
                and {formatNumber(data.count - data.sample.length)} more
              </Text>
            ) : null}
          </div>
        ) : null}
        <Text size="xs" c="dimmed">
          Once saved, the segment is counted again every 15 minutes and each time it is saved, and who entered
          or left it is kept from then on.
        </Text>
      </Stack>
    </Section>
  );
}
