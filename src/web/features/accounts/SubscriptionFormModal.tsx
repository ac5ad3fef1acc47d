import { Checkbox, NumberInput, Select, SimpleGrid, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  BILLING_PERIODS,
  SUBSCRIPTION_STATUSES,
  type Subscription,
  ZSubscriptionCreate,
  ZSubscriptionUpdate,
} from "../../../contract/index.ts";
import { formatMoney, toMajor, toMinor } from "../../lib/format.ts";
import { humanize } from "../../lib/labels.ts";
import { CustomFieldsSection } from "../../ui/CustomFieldsSection.tsx";
import { FormModal } from "../../ui/FormModal.tsx";
import {
  blankToNull,
  type FieldLabels,
  restart,
  showServerErrors,
  useContractForm,
  useOnOpen,
} from "../../ui/form.ts";
import { useCustomFieldDefs } from "../../ui/use-custom-field-defs.ts";
import { type SubscriptionBody, useSaveSubscription } from "./use-subscription-mutations.ts";

type Values = {
  product: string;
  plan: string;
  status: string;
  mrr: number | "";
  currency: string;
  seats: number | "";
  startDate: string;
  endDate: string;
  renewalDate: string;
  billingPeriod: string | null;
  autoRenew: boolean;
  externalId: string;
  customFields: Record<string, string | number | boolean | null>;
};

const today = () => new Date().toISOString().slice(0, 10);

const valuesOf = (s: Subscription | undefined, currency: string): Values => ({
  product: s?.product ?? "",
  plan: s?.plan ?? "",
  status: s?.status ?? "active",
  mrr: s ? toMajor(s.mrrMinor, s.currency) : "",
  currency: s?.currency ?? currency,
  seats: s?.seats ?? "",
  startDate: s?.startDate ?? today(),
  endDate: s?.endDate ?? "",
  renewalDate: s?.renewalDate ?? "",
  billingPeriod: s?.billingPeriod ?? null,
  autoRenew: s?.autoRenew ?? false,
  externalId: s?.externalId ?? "",
  customFields: s?.customFields ?? {},
});

// The MRR is typed in major units and sent as `mrrMinor`: the server's issues name that.
const LABELS: FieldLabels = {
  product: "Product",
  plan: "Plan",
  status: "Status",
  mrrMinor: "MRR",
  currency: "Currency",
  seats: "Seats",
  startDate: "Start date",
  endDate: "End date",
  renewalDate: "Renewal date",
  billingPeriod: "Billing period",
  autoRenew: "Renews automatically",
  externalId: "External id",
};

const bodyOf =
  (accountId: string) =>
  (v: Values): SubscriptionBody => {
    const cur = v.currency.trim().toUpperCase();
    return {
      accountId,
      product: v.product.trim(),
      plan: blankToNull(v.plan),
      status: v.status as Subscription["status"],
      mrrMinor: v.mrr === "" ? Number.NaN : toMinor(v.mrr, cur),
      currency: cur,
      seats: v.seats === "" ? null : v.seats,
      startDate: v.startDate,
      endDate: v.endDate || null,
      renewalDate: v.renewalDate || null,
      billingPeriod: v.billingPeriod as Subscription["billingPeriod"],
      autoRenew: v.autoRenew,
      externalId: blankToNull(v.externalId),
      customFields: v.customFields,
    };
  };

export function SubscriptionFormModal({
  opened,
  onClose,
  accountId,
  currency,
  subscription,
}: {
  opened: boolean;
  onClose: () => void;
  accountId: string;
  currency: string;
  subscription?: Subscription;
}) {
  const { defs, labels } = useCustomFieldDefs("subscription", opened, LABELS);
  const form = useContractForm({
    initialValues: valuesOf(subscription, currency),
    labels,
    schema: subscription ? ZSubscriptionUpdate : ZSubscriptionCreate,
    toBody: bodyOf(accountId),
    // An empty amount is NaN in the body; say it is missing rather than "must be a number".
    check: (v): Record<string, string> => (v.mrr === "" ? { mrrMinor: "MRR is required" } : {}),
  });
  const save = useSaveSubscription(subscription);

  useOnOpen(opened, () => {
    restart(form, valuesOf(subscription, currency));
    save.reset();
  });

  const onSubmit = form.onSubmit((body) =>
    save.mutate(body, {
      onSuccess: () => {
        notifications.show({
          color: "green",
          message: subscription ? "Subscription saved" : "Subscription added",
        });
        onClose();
      },
      onError: showServerErrors(form, labels),
    }),
  );

  const v = form.values;
  const arrPreview =
    v.mrr === "" ? null : formatMoney(toMinor(v.mrr * 12, v.currency || "USD"), v.currency || "USD");
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={subscription ? "Edit subscription" : "New subscription"}
      size="lg"
      onSubmit={onSubmit}
      save={save}
      errors={form.errors}
      submitLabel={subscription ? "Save" : "Add subscription"}
      footerMt="xs"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label="Product" required data-autofocus {...form.getInputProps("product")} />
        <TextInput label="Plan" {...form.getInputProps("plan")} />
        <NumberInput
          label="MRR"
          description={arrPreview ? `ARR ${arrPreview}` : "Monthly recurring revenue"}
          required
          min={0}
          decimalScale={2}
          thousandSeparator=","
          {...form.getInputProps("mrr")}
          onChange={(n) => {
            form.setFieldValue("mrr", typeof n === "number" ? n : "");
            form.clearFieldError("mrrMinor");
          }}
          error={form.errors.mrrMinor}
        />
        <TextInput
          label="Currency"
          description="ISO code, e.g. USD"
          {...form.getInputProps("currency")}
          onChange={(e) => form.setFieldValue("currency", e.currentTarget.value.toUpperCase())}
        />
        <Select
          label="Status"
          data={SUBSCRIPTION_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
          allowDeselect={false}
          {...form.getInputProps("status")}
        />
        <NumberInput label="Seats" min={0} allowDecimal={false} {...form.getInputProps("seats")} />
        <TextInput type="date" label="Start date" required {...form.getInputProps("startDate")} />
        <TextInput type="date" label="End date" {...form.getInputProps("endDate")} />
        <TextInput type="date" label="Renewal date" {...form.getInputProps("renewalDate")} />
        <Select
          label="Billing period"
          data={BILLING_PERIODS.map((s) => ({ value: s, label: humanize(s) }))}
          clearable
          {...form.getInputProps("billingPeriod")}
        />
        <TextInput
          label="External id"
          description="The id in your billing system"
          {...form.getInputProps("externalId")}
        />
        <Checkbox
          mt="xl"
          label="Renews automatically"
          {...form.getInputProps("autoRenew", { type: "checkbox" })}
        />
      </SimpleGrid>
      <CustomFieldsSection
        defs={defs}
        values={v.customFields}
        onChange={(cf) => form.setFieldValue("customFields", cf)}
        errors={form.errors}
      />
    </FormModal>
  );
}
