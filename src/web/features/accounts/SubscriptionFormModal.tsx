import { Checkbox, NumberInput, Select, SimpleGrid, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import {
  BILLING_PERIODS,
  routes,
  SUBSCRIPTION_STATUSES,
  type Subscription,
  ZSubscriptionCreate,
  ZSubscriptionUpdate,
} from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { formatMoney, toMajor, toMinor } from "../../lib/format.ts";
import { humanize } from "../../lib/labels.ts";
import { invalidate } from "../../lib/query.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { blankToNull, useFormState, useOnOpen } from "../../ui/form.ts";

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
});

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
  const form = useFormState<Values>(valuesOf(subscription, currency));
  const qc = useQueryClient();

  useOnOpen(opened, () => {
    form.reset(valuesOf(subscription, currency));
    save.reset();
  });

  const body = () => {
    const v = form.values;
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
    };
  };

  const save = useMutation({
    mutationFn: () =>
      subscription
        ? api(routes.updateSubscription, { params: { id: subscription.id }, body: body() })
        : api(routes.createSubscription, { body: body() }),
    onSuccess: async () => {
      // Subscriptions drive the account's MRR, ARR and next renewal.
      await invalidate(qc, routes.listSubscriptions.path, routes.listAccounts.path);
      notifications.show({
        color: "green",
        message: subscription ? "Subscription saved" : "Subscription added",
      });
      onClose();
    },
    onError: form.showServerErrors,
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (form.values.mrr === "") {
      form.setErrors({ mrrMinor: "is required" });
      return;
    }
    if (form.validate(subscription ? ZSubscriptionUpdate : ZSubscriptionCreate, body())) save.mutate();
  };

  const v = form.values;
  const err = form.errors;
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
      submitLabel={subscription ? "Save" : "Add subscription"}
      footerMt="xs"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label="Product"
          required
          data-autofocus
          value={v.product}
          onChange={(e) => form.set("product", e.currentTarget.value)}
          error={err.product}
        />
        <TextInput
          label="Plan"
          value={v.plan}
          onChange={(e) => form.set("plan", e.currentTarget.value)}
          error={err.plan}
        />
        <NumberInput
          label="MRR"
          description={arrPreview ? `ARR ${arrPreview}` : "Monthly recurring revenue"}
          required
          min={0}
          decimalScale={2}
          thousandSeparator=","
          value={v.mrr}
          onChange={(n) => form.set("mrr", typeof n === "number" ? n : "")}
          error={err.mrrMinor}
        />
        <TextInput
          label="Currency"
          description="ISO code, e.g. USD"
          maxLength={3}
          value={v.currency}
          onChange={(e) => form.set("currency", e.currentTarget.value.toUpperCase())}
          error={err.currency}
        />
        <Select
          label="Status"
          data={SUBSCRIPTION_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
          value={v.status}
          allowDeselect={false}
          onChange={(s) => s && form.set("status", s)}
          error={err.status}
        />
        <NumberInput
          label="Seats"
          min={0}
          allowDecimal={false}
          value={v.seats}
          onChange={(n) => form.set("seats", typeof n === "number" ? n : "")}
          error={err.seats}
        />
        <TextInput
          type="date"
          label="Start date"
          required
          value={v.startDate}
          onChange={(e) => form.set("startDate", e.currentTarget.value)}
          error={err.startDate}
        />
        <TextInput
          type="date"
          label="End date"
          value={v.endDate}
          onChange={(e) => form.set("endDate", e.currentTarget.value)}
          error={err.endDate}
        />
        <TextInput
          type="date"
          label="Renewal date"
          value={v.renewalDate}
          onChange={(e) => form.set("renewalDate", e.currentTarget.value)}
          error={err.renewalDate}
        />
        <Select
          label="Billing period"
          data={BILLING_PERIODS.map((s) => ({ value: s, label: humanize(s) }))}
          value={v.billingPeriod}
          onChange={(s) => form.set("billingPeriod", s)}
          clearable
          error={err.billingPeriod}
        />
        <TextInput
          label="External id"
          description="The id in your billing system"
          value={v.externalId}
          onChange={(e) => form.set("externalId", e.currentTarget.value)}
          error={err.externalId}
        />
        <Checkbox
          mt="xl"
          label="Renews automatically"
          checked={v.autoRenew}
          onChange={(e) => form.set("autoRenew", e.currentTarget.checked)}
        />
      </SimpleGrid>
      {err._form ? (
        <Text size="sm" c="red">
          {err._form}
        </Text>
      ) : null}
    </FormModal>
  );
}
