import { Autocomplete, Button, Group, NumberInput, Stack, Text } from "@mantine/core";
import { IconX } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { routes } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { firstValueText } from "./lifecycleDraft.ts";
import type { LifecycleEditor } from "./use-lifecycle-editor.ts";

/**
 * The usage milestone that counts as first value: an event (the workspace's features and the event
 * names seen, offered as it is typed) used a number of times in all; cleared, outcomes alone count.
 */
export function MilestoneFields({ editor }: { editor: LifecycleEditor }) {
  const { form } = editor;
  const features = useQuery(apiQuery(routes.listUsageFeatures, {}));
  const events = useMemo(() => {
    const names = new Map((features.data?.data ?? []).map((f) => [f.event, f.name]));
    return { list: [...names.keys()], nameOf: (e: string) => names.get(e) };
  }, [features.data]);
  const { event, count } = form.values.firstValueMilestone;
  const named = event.trim() !== "";
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-start">
        <Autocomplete
          label="Usage event"
          description={
            features.isError
              ? "The events could not be listed: type the event's name"
              : "Leave empty for outcomes only"
          }
          placeholder="e.g. Report Created"
          w={320}
          maxLength={200}
          data={events.list}
          limit={50}
          renderOption={({ option }) => {
            const name = events.nameOf(option.value);
            return (
              <div>
                <Text size="sm">{option.value}</Text>
                {name && name !== option.value ? (
                  <Text size="xs" c="dimmed">
                    {name}
                  </Text>
                ) : null}
              </div>
            );
          }}
          {...form.getInputProps("firstValueMilestone.event")}
        />
        <NumberInput
          label="Times"
          description="used this often in all"
          withAsterisk={named}
          disabled={!named}
          w={160}
          min={1}
          max={1_000_000}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator=","
          {...form.getInputProps("firstValueMilestone.count")}
        />
        <Button
          variant="subtle"
          color="gray"
          mt={44}
          size="compact-sm"
          leftSection={<IconX size={14} />}
          disabled={!named && count === ""}
          onClick={() => form.setFieldValue("firstValueMilestone", { event: "", count: "" })}
        >
          Clear
        </Button>
      </Group>
      <Text size="sm" data-testid="first-value-text">
        {firstValueText(
          named && typeof count === "number" && count >= 1 ? { event: event.trim(), count } : null,
        )}
      </Text>
    </Stack>
  );
}
