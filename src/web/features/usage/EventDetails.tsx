import { Badge, Code, SimpleGrid, Stack, Text } from "@mantine/core";
import type { UsageEvent } from "../../../contract/index.ts";
import { formatDateTime } from "../../lib/format.ts";

export const EVENT_TYPE_COLORS: Record<UsageEvent["type"], string> = {
  track: "blue",
  identify: "grape",
  group: "teal",
  page: "cyan",
  screen: "indigo",
  alias: "gray",
};

export function EventTypeBadge({ type }: { type: UsageEvent["type"] }) {
  return (
    <Badge size="sm" variant="light" color={EVENT_TYPE_COLORS[type]}>
      {type}
    </Badge>
  );
}

function Json({ title, value }: { title: string; value: Record<string, unknown> | null }) {
  return (
    <Stack gap={4} style={{ minWidth: 0 }}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {title}
      </Text>
      {value && Object.keys(value).length > 0 ? (
        <Code block style={{ maxHeight: 260, overflow: "auto", fontSize: 12 }}>
          {JSON.stringify(value, null, 2)}
        </Code>
      ) : (
        <Text size="sm" c="dimmed">
          None sent
        </Text>
      )}
    </Stack>
  );
}

/** An event's ids, times and the JSON it carried, under its row in the live tail. */
export function EventDetails({ event: e }: { event: UsageEvent }) {
  const facts: [string, string | null][] = [
    ["Message id", e.messageId],
    ["Happened at", formatDateTime(e.timestamp)],
    ["Received at", formatDateTime(e.receivedAt)],
    ["User id", e.userId],
    ["Anonymous id", e.anonymousId],
    ["Group id", e.groupId],
    ["Contact", e.contactName],
    ["Quantity", e.quantity === 1 ? null : String(e.quantity)],
  ];
  return (
    <Stack gap="sm" py={4} data-testid="event-details">
      <Text size="xs" c="dimmed">
        {facts
          .filter(([, v]) => v)
          .map(([k, v]) => `${k}: ${v}`)
          .join(" · ")}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Json
          title={e.type === "identify" || e.type === "group" ? "Traits" : "Properties"}
          value={e.properties}
        />
        <Json title="Context" value={e.context} />
      </SimpleGrid>
    </Stack>
  );
}
