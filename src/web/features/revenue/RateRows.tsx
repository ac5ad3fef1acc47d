import { ActionIcon, Button, Group, NumberInput, Stack, Text, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { utcToday } from "../../../common/dates.ts";
import type { RevenueSettingsUpdate } from "../../../contract/index.ts";
import { blankRate, type RevenueValues } from "./revenueSettingsDraft.ts";

type Form = UseFormReturnType<RevenueValues, RevenueSettingsUpdate>;

/**
 * The dated exchange rates, a row each: how many base-currency units one unit of the currency is
 * worth from a day on, until that currency's next rate. Rows are added and removed here; saving
 * replaces the whole list.
 */
export function RateRows({ form }: { form: Form }) {
  const base = form.values.baseCurrency.trim() || "the base currency";
  const rates = form.values.rates;
  return (
    <Stack gap="xs">
      {rates.length === 0 ? (
        <Text size="sm" c="dimmed">
          No rates yet. Without them, amounts in other currencies stay out of the totals.
        </Text>
      ) : null}
      {rates.map((r, i) => (
        <Group key={r.key} gap="sm" align="flex-start" wrap="nowrap" data-testid="revenue-rate">
          <TextInput
            label="Currency"
            placeholder="EUR"
            w={110}
            maxLength={3}
            {...form.getInputProps(`rates.${i}.currency`)}
            // Codes are capitals; typing "eur" is what people mean by EUR.
            onChange={(e) => form.setFieldValue(`rates.${i}.currency`, e.currentTarget.value.toUpperCase())}
          />
          <TextInput type="date" label="Valid from" w={170} {...form.getInputProps(`rates.${i}.validFrom`)} />
          <NumberInput
            label={`Rate (${base} per unit)`}
            placeholder="1.08"
            decimalScale={6}
            min={0}
            w={220}
            {...form.getInputProps(`rates.${i}.rate`)}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            mt={26}
            aria-label={`Remove rate ${i + 1}${r.currency ? ` (${r.currency} from ${r.validFrom})` : ""}`}
            onClick={() => form.removeListItem("rates", i)}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      {form.errors.rates ? (
        <Text size="sm" c="red.7" role="alert">
          {form.errors.rates}
        </Text>
      ) : null}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => form.insertListItem("rates", blankRate(utcToday()))}
        >
          Add rate
        </Button>
      </Group>
    </Stack>
  );
}
