import { Badge, Group, Tooltip } from "@mantine/core";
import type { Survey } from "../../../contract/index.ts";

const PARTS = [
  { key: "sent", label: "sent", color: "green", hint: "Delivered to the mail server" },
  { key: "queued", label: "queued", color: "blue", hint: "Waiting to go out" },
  {
    key: "held",
    label: "held",
    color: "yellow",
    hint: "Held in the outbox: no SMTP server is configured (an admin can read them in Settings → Outbox)",
  },
  { key: "failed", label: "failed", color: "red", hint: "The mail server refused them after several tries" },
] as const;

/** Where a survey's invitations are: a labelled count per state, the state explained on hover. */
export function DeliveryCell({ delivery }: { delivery: Survey["delivery"] }) {
  const shown = PARTS.filter((p) => delivery[p.key] > 0);
  if (shown.length === 0) return null;
  return (
    <Group gap={4} wrap="nowrap">
      {shown.map((p) => (
        <Tooltip key={p.key} label={p.hint} withArrow multiline w={260}>
          <Badge size="sm" variant="light" color={p.color} tt="none" style={{ cursor: "help" }}>
            {delivery[p.key]} {p.label}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}
