import { Group, Text, Tooltip } from "@mantine/core";

/** Influence 1–5 as filled dots plus the number, so it reads without colour. */
export function InfluenceDots({ value }: { value: number | null }) {
  if (value === null) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Tooltip label={`Influence ${value} of 5`} withArrow>
      <Group gap={3} wrap="nowrap" aria-label={`Influence ${value} of 5`} role="img">
        {[1, 2, 3, 4, 5].map((i) => (
          <span
            key={i}
            style={{
              width: 8,
              height: 8,
              borderRadius: "50%",
              display: "inline-block",
              background: i <= value ? "var(--mantine-primary-color-filled)" : "transparent",
              border: "1.5px solid var(--mantine-primary-color-filled)",
            }}
          />
        ))}
        <Text size="xs" c="dimmed" ml={4} className="steward-num">
          {value}/5
        </Text>
      </Group>
    </Tooltip>
  );
}
