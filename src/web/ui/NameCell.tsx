import { Group, Text } from "@mantine/core";
import type { ReactNode } from "react";

/** A list's first cell: the record's link (with any badges) and its description under it, cut to a line. */
export function NameCell({
  link,
  description,
  badges,
}: {
  link: ReactNode;
  description: string | null;
  badges?: ReactNode;
}) {
  return (
    <div>
      {badges ? (
        <Group gap={6} wrap="nowrap">
          {link}
          {badges}
        </Group>
      ) : (
        link
      )}
      {description ? (
        <Text size="xs" c="dimmed" truncate maw={420}>
          {description}
        </Text>
      ) : null}
    </div>
  );
}
