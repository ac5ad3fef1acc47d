import { Button, Group, NumberInput, Radio, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type RevenueSettings, ZRevenueSettingsUpdate } from "../../../contract/index.ts";
import { FormError } from "../../ui/FormError.tsx";
import { restart, showServerErrors, useContractForm } from "../../ui/form.ts";
import { Section } from "../../ui/Section.tsx";
import { RateRows } from "./RateRows.tsx";
import {
  bodyOf,
  JOIN_AND_LEAVE_TEXT,
  percentErrors,
  REACTIVATION_TEXT,
  revenueLabels,
  valuesOf,
} from "./revenueSettingsDraft.ts";
import { useSaveRevenueSettings } from "./use-revenue.ts";

// Labels for as many rate rows as the contract allows, so an issue at rates.7.rate reads "Rate …" at that row.
const LABELS = revenueLabels(2000);

/**
 * How the workspace counts revenue, for admins: the two policies, the base currency and its dated
 * rates, the gross margin behind lifetime value and the renewal forecast's thresholds. Checked
 * with the contract before sending; what the server still refuses shows at the field it names.
 */
export function RevenueSettingsForm({ settings }: { settings: RevenueSettings }) {
  const form = useContractForm({
    initialValues: valuesOf(settings),
    labels: LABELS,
    schema: ZRevenueSettingsUpdate,
    toBody: bodyOf,
    check: percentErrors,
  });
  const save = useSaveRevenueSettings();
  const submit = form.onSubmit((body) =>
    save.mutate(body, {
      onSuccess: (saved) => {
        // The server's answer is what holds now (rates come back in its order): start again from it.
        restart(form, valuesOf(saved));
        notifications.show({ color: "green", message: "Revenue settings saved" });
      },
      onError: showServerErrors(form, LABELS),
    }),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={900}>
        <Section
          title="Policies"
          description="Where reasonable people count differently; applied whenever figures are read"
        >
          <Stack gap="md">
            <Radio.Group
              label="Customers who come back after leaving"
              description="A returning customer's MRR as its own movement, or as new business (movements and logos)"
              {...form.getInputProps("reactivation")}
            >
              <Group mt="xs">
                {Object.entries(REACTIVATION_TEXT).map(([value, label]) => (
                  <Radio key={value} value={value} label={label} />
                ))}
              </Group>
            </Radio.Group>
            <Radio.Group
              label="Customers who join and leave within a period"
              description="Whether they count in the new and churn movements and in logo churn"
              {...form.getInputProps("joinAndLeave")}
            >
              <Group mt="xs">
                {Object.entries(JOIN_AND_LEAVE_TEXT).map(([value, label]) => (
                  <Radio key={value} value={value} label={label} />
                ))}
              </Group>
            </Radio.Group>
          </Stack>
        </Section>
        <Section
          title="Currencies"
          description="With a base currency, every amount is converted at the dated rates below and the figures add up across currencies"
        >
          <Stack gap="md">
            <TextInput
              label="Base currency"
              description="A three-letter code, e.g. USD; empty to keep each currency apart"
              placeholder="None"
              w={260}
              maxLength={3}
              {...form.getInputProps("baseCurrency")}
              onChange={(e) => form.setFieldValue("baseCurrency", e.currentTarget.value.toUpperCase())}
            />
            <RateRows form={form} />
          </Stack>
        </Section>
        <Section title="Lifetime value and forecast">
          <Group gap="md" align="flex-start" wrap="wrap">
            <NumberInput
              label="Gross margin (%)"
              description="Share of revenue kept after the cost of serving it; empty for none"
              placeholder="e.g. 78"
              suffix="%"
              decimalScale={2}
              w={260}
              {...form.getInputProps("grossMargin")}
            />
            <NumberInput
              label="Commit threshold (%)"
              description="A renewal at least this likely is commit"
              suffix="%"
              decimalScale={2}
              w={260}
              {...form.getInputProps("forecast.commitAtLeast")}
            />
            <NumberInput
              label="Likely threshold (%)"
              description="At least this likely, below commit, is likely"
              suffix="%"
              decimalScale={2}
              w={260}
              {...form.getInputProps("forecast.likelyAtLeast")}
            />
          </Group>
        </Section>
        <Section title="Renewals and advocacy">
          <Group gap="md" align="flex-start" wrap="wrap">
            <NumberInput
              label="Notice period (days)"
              description="A renewal's notice date is this long before it, unless the renewal has its own"
              suffix=" days"
              allowDecimal={false}
              w={260}
              {...form.getInputProps("noticeDays")}
            />
            <NumberInput
              label="Do-not-ask window (days)"
              description="Someone asked for a reference, review or referral is not asked again within it"
              suffix=" days"
              allowDecimal={false}
              w={260}
              {...form.getInputProps("doNotAskDays")}
            />
          </Group>
        </Section>
        <FormError error={save.error} errors={form.errors} />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {form.isDirty()
              ? "Unsaved changes"
              : "Changing a setting recomputes nothing: figures read it the next time."}
          </Text>
          <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
