import { Paper, Text } from "@mantine/core";
import type { ReactNode } from "react";

/** A headline figure in a small card: label, value, a line under it and anything else (a bar, a trend). */
export function StatCard({
  label,
  value,
  hint,
  children,
  footer,
  testId,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  /** Under the value, e.g. a progress bar. */
  children?: ReactNode;
  /** Under the hint, e.g. the trend against the previous period. */
  footer?: ReactNode;
  testId?: string;
}) {
  return (
    <Paper withBorder radius="md" p="md" style={{ minWidth: 0 }} data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: "0.03em" }} truncate>
        {label}
      </Text>
      <Text
        fz={{ base: 18, xl: 22 }}
        fw={600}
        mt={4}
        className="steward-num"
        style={{ textAlign: "left" }}
        truncate
      >
        {value}
      </Text>
      {children}
      {hint ? (
        <Text size="xs" c="dimmed" mt={2}>
          {hint}
        </Text>
      ) : null}
      {footer}
    </Paper>
  );
}
