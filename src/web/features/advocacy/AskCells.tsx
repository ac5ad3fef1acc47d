import { Badge, Stack, Text } from "@mantine/core";
import type { AdvocacyAsk } from "../../../contract/index.ts";
import { formatDate } from "../../lib/format.ts";
import { STATE_COLORS, STATE_LABELS } from "./labels.ts";

/** The state as a badge that names it, with the day it got there once it moved on. */
export function AskState({ ask }: { ask: AdvocacyAsk }) {
  return (
    <Stack gap={0} align="flex-start">
      <Badge size="sm" variant="light" color={STATE_COLORS[ask.state]} tt="none" data-testid="ask-state">
        {STATE_LABELS[ask.state]}
      </Badge>
      {ask.state === "asked" ? null : (
        <Text size="xs" c="dimmed">
          {formatDate(ask.stateOn)}
        </Text>
      )}
    </Stack>
  );
}
