import { Box, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** The top of every page: title, an optional line under it, and the page's actions on the right. */
export function PageHeader({
  title,
  description,
  actions,
  above,
  badges,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  above?: ReactNode;
  badges?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-end" mb="lg" wrap="nowrap" gap="md">
      <Stack gap={4} style={{ minWidth: 0 }}>
        {above}
        <Group gap="sm" wrap="wrap">
          <Title order={2} fz={24} style={{ overflowWrap: "anywhere" }}>
            {title}
          </Title>
          {badges}
        </Group>
        {description ? (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        ) : null}
      </Stack>
      {actions ? (
        <Box style={{ flexShrink: 0 }}>
          <Group gap="xs">{actions}</Group>
        </Box>
      ) : null}
    </Group>
  );
}
