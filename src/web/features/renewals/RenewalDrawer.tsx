import {
  Divider,
  Drawer,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { formatMoney } from "../../../common/money.ts";
import {
  FORECAST_CALLS,
  type ForecastCall,
  RENEWAL_STAGES,
  type Renewal,
  type RenewalOutcome,
  type RenewalStage,
  ZRenewalUpdate,
} from "../../../contract/index.ts";
import { formatDate, formatPercent } from "../../lib/format.ts";
import { FormFooter } from "../../ui/FormModal.tsx";
import { showServerErrors, useContractForm } from "../../ui/form.ts";
import { AccountLink } from "../accounts/cells.tsx";
import {
  checkRenewal,
  hasArrAfter,
  OTHER_REASON,
  openStageOf,
  pickOutcome,
  RENEWAL_LABELS,
  type RenewalValues,
  reasonOptions,
  toBody,
  valuesOf,
} from "./renewalDraft.ts";
import { CALL_LABELS, OUTCOME_LABELS, OUTCOME_OPTIONS, STAGE_LABELS } from "./renewalsView.ts";
import { useSaveRenewal, useUsedReasons } from "./use-renewals.ts";

/** What is being renewed, and what the model makes of it. */
function RenewalFacts({ r }: { r: Renewal }) {
  return (
    <Stack gap={2}>
      <AccountLink account={{ id: r.accountId, name: r.accountName }} />
      <Text size="sm">
        {r.product}
        {r.plan ? ` · ${r.plan}` : ""} · renews {formatDate(r.dueDate)} ·{" "}
        {formatMoney(r.arrMinor, r.currency)} ARR
      </Text>
      <Text size="xs" c="dimmed">
        {r.forecast
          ? `The model says ${CALL_LABELS[r.forecast].toLowerCase()}: ${formatPercent(r.renewalProbability)} likely to renew`
          : "No renewal probability: the account has no churn score and there are no past renewals"}
        {r.owner ? ` · owner ${r.owner.name}` : " · no owner"}
      </Text>
    </Stack>
  );
}

/**
 * The form: stage, the CSM's call, notice date and note; then the outcome with its reason and the
 * ARR after. Picking an outcome closes the renewal. The server's rules are checked before sending,
 * in words for the person filling it, and any refusal of the server lands at its field.
 */
function RenewalForm({ r, onDone }: { r: Renewal; onDone: () => void }) {
  const used = useUsedReasons(true);
  const save = useSaveRenewal(r);
  const form = useContractForm({
    initialValues: valuesOf(r),
    labels: RENEWAL_LABELS,
    schema: ZRenewalUpdate,
    toBody: (v: RenewalValues) => toBody(v, r),
    check: (v) => checkRenewal(v, r),
  });
  const v = form.values;
  /** Sets a value and clears the errors it answers (a field's error is keyed by the body's path). */
  const set = <K extends keyof RenewalValues>(key: K, value: RenewalValues[K], ...errors: string[]) => {
    const patch: Partial<RenewalValues> = {};
    patch[key] = value;
    form.setValues(patch);
    for (const e of errors) form.clearFieldError(e);
  };
  const onSubmit = form.onSubmit((body) =>
    save.mutate(body, {
      onSuccess: (saved) => {
        notifications.show({
          color: "green",
          message: saved.outcome
            ? `Outcome recorded: ${OUTCOME_LABELS[saved.outcome].toLowerCase()}`
            : "Renewal saved",
        });
        onDone();
      },
      onError: showServerErrors(form, RENEWAL_LABELS),
    }),
  );
  const other = v.reason === OTHER_REASON;

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label="Stage"
            data={RENEWAL_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
            allowDeselect={false}
            {...form.getInputProps("stage")}
            onChange={(s) => set("stage", s as RenewalStage, "stage", "outcome")}
          />
          <Select
            label="Your call"
            placeholder="No call"
            clearable
            data={FORECAST_CALLS.map((c) => ({ value: c, label: CALL_LABELS[c] }))}
            {...form.getInputProps("csmCall")}
            onChange={(c) => set("csmCall", c as ForecastCall | null)}
          />
        </SimpleGrid>
        <TextInput
          type="date"
          label="Notice date"
          description={
            r.noticeDateSet
              ? "The customer's last day to give notice; clear it to use the workspace's notice period"
              : `Empty: ${formatDate(r.noticeDate)}, the workspace's notice period before the renewal`
          }
          max={r.dueDate}
          {...form.getInputProps("noticeDate")}
        />
        <Textarea label="Note" autosize minRows={2} maxRows={6} {...form.getInputProps("note")} />
        <Divider label="Outcome" labelPosition="left" mt="xs" />
        <Select
          label="Outcome"
          placeholder="Not decided yet"
          description="Recording an outcome closes the renewal; it does not end the subscription"
          clearable
          data={OUTCOME_OPTIONS}
          {...form.getInputProps("outcome")}
          onChange={(o) => {
            form.setValues(pickOutcome(form.values, o as RenewalOutcome | null, openStageOf(r)));
            for (const e of ["outcome", "stage", "reasonCode", "arrAfterMinor"]) form.clearFieldError(e);
          }}
        />
        {v.outcome ? (
          <>
            <Select
              label="Reason"
              placeholder={v.outcome === "churned" || v.outcome === "downgraded" ? "Why?" : "Optional"}
              searchable
              clearable
              data={reasonOptions(v.outcome, [...used, r.reasonCode, v.reason])}
              value={v.reason}
              onChange={(c) => set("reason", c, "reasonCode")}
              error={other ? undefined : form.errors.reasonCode}
              withAsterisk={v.outcome === "churned" || v.outcome === "downgraded"}
            />
            {other ? (
              <TextInput
                label="Other reason"
                description="Kept as a short code, e.g. moved_in_house"
                value={v.otherReason}
                onChange={(e) => set("otherReason", e.currentTarget.value, "reasonCode")}
                error={form.errors.reasonCode}
                data-autofocus
              />
            ) : null}
            {hasArrAfter(v.outcome) ? (
              <NumberInput
                label={`ARR after (${r.currency})`}
                description={`What the customer pays a year from the renewal; ${formatMoney(r.arrMinor, r.currency)} now`}
                min={0}
                decimalScale={2}
                thousandSeparator=","
                value={v.arrAfter}
                onChange={(n) => set("arrAfter", typeof n === "number" ? n : "", "arrAfterMinor")}
                error={form.errors.arrAfterMinor}
              />
            ) : null}
          </>
        ) : null}
        <FormFooter save={save} errors={form.errors} onCancel={onDone} submitLabel="Save" mt="xs" />
      </Stack>
    </form>
  );
}

/** A renewal opened from its row, to record the conversation about it or its outcome. */
export function RenewalDrawer({
  renewal,
  opened,
  onClose,
}: {
  renewal: Renewal;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="md" title="Work on the renewal">
      <Stack gap="md">
        <RenewalFacts r={renewal} />
        {/* A fresh form for each renewal opened. */}
        <RenewalForm key={`${renewal.subscriptionId}:${renewal.dueDate}`} r={renewal} onDone={onClose} />
      </Stack>
    </Drawer>
  );
}
