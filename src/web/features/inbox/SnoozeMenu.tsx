import { Menu, Text } from "@mantine/core";
import { IconCalendarTime } from "@tabler/icons-react";
import { type ReactElement, useState } from "react";
import { formatDateTime } from "../../lib/format.ts";
import { snoozeChoices } from "./task.rules.ts";

/**
 * Snooze's quick choices (tomorrow 9:00, in 3 days, next week) and "Pick a date & time…", on any
 * button. The times are worked out when the menu opens, so a page left open overnight still means
 * tomorrow.
 */
export function SnoozeMenu({
  children,
  onPick,
  onCustom,
}: {
  /** The menu's target: a button. */
  children: ReactElement;
  onPick: (until: string) => void;
  onCustom: () => void;
}) {
  const [now, setNow] = useState(() => new Date());
  return (
    <Menu position="bottom-end" withinPortal onOpen={() => setNow(new Date())}>
      <Menu.Target>{children}</Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Snooze until</Menu.Label>
        {snoozeChoices(now).map((c) => (
          <Menu.Item key={c.key} onClick={() => onPick(c.until.toISOString())}>
            <Text size="sm">{c.label}</Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(c.until.toISOString())}
            </Text>
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item leftSection={<IconCalendarTime size={16} />} onClick={onCustom}>
          Pick a date &amp; time…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
