import { Group, Paper, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** A titled card on a detail page, with its actions on the right. */
export function Section({
  title,
  count,
  actions,
  children,
  description,
  padding = "md",
  testId,
}: {
  title: ReactNode;
  count?: number;
  actions?: ReactNode;
  children: ReactNode;
  description?: ReactNode;
  padding?: "md" | 0;
  testId?: string;
}) {
  return (
    <Paper withBorder radius="md" p={0} data-testid={testId}>
      <Group
        justify="space-between"
        px="md"
        py="sm"
        style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
      >
        <div>
          <Group gap={6}>
            <Title order={4} fz="md">
              {title}
            </Title>
            {count !== undefined ? (
              <Text size="sm" c="dimmed">
                {count}
              </Text>
            ) : null}
          </Group>
          {description ? (
            <Text size="xs" c="dimmed">
              {description}
            </Text>
          ) : null}
        </div>
        {actions ? <Group gap="xs">{actions}</Group> : null}
      </Group>
      <div style={{ padding: padding === 0 ? 0 : "var(--mantine-spacing-md)" }}>{children}</div>
    </Paper>
  );
}
