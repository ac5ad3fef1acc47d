import { Group, Stack, Text, Tooltip } from "@mantine/core";
import { IconArrowDownRight, IconArrowUpRight } from "@tabler/icons-react";
import type { ChurnDriver, ChurnKind } from "../../../contract/index.ts";
import { KIND_TEXT } from "./riskText.ts";

const signed = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(2)}`;

/**
 * An account's top drivers, largest push first: an arrow up when the column raises the
 * probability, down when it lowers it (red when that is bad news for the account, teal when good),
 * the readable "column = value", and the push in log-odds on hover.
 */
export function DriverList({
  drivers,
  kind,
  max = 3,
}: {
  drivers: ChurnDriver[];
  kind: ChurnKind;
  max?: number;
}) {
  const t = KIND_TEXT[kind];
  if (drivers.length === 0)
    return (
      <Text size="xs" c="dimmed">
        Close to the average account
      </Text>
    );
  return (
    <Stack gap={2} data-testid="risk-drivers">
      {drivers.slice(0, max).map((d) => {
        const up = d.contribution > 0;
        const bad = up === t.upIsBad;
        const Icon = up ? IconArrowUpRight : IconArrowDownRight;
        return (
          <Tooltip
            key={d.column}
            label={`${up ? "Raises" : "Lowers"} the ${t.noun} probability (${signed(d.contribution)} log-odds against the average account)`}
            openDelay={300}
            multiline
            w={260}
          >
            <Group gap={4} wrap="nowrap" data-sign={up ? "+" : "-"}>
              <Icon
                size={14}
                color={`var(--mantine-color-${bad ? "red" : "teal"}-7)`}
                aria-label={up ? "raises" : "lowers"}
              />
              <Text size="xs" lineClamp={1}>
                {d.label}
              </Text>
            </Group>
          </Tooltip>
        );
      })}
    </Stack>
  );
}
