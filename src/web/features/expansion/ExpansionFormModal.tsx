import { NumberInput, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect } from "react";
import { type ExpansionOpportunity, ZExpansionCreate } from "../../../contract/index.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { restart, showServerErrors, useContractForm } from "../../ui/form.ts";
import { AccountPicker, MemberPicker } from "../../ui/pickers.tsx";
import { amountErrors, bodyOf, EXPANSION_LABELS, type ExpansionValues, valuesOf } from "./expansionDraft.ts";
import { useCreateExpansion, useUpdateExpansion } from "./use-expansion.ts";

/**
 * Records an expansion opportunity, or edits one: the account (fixed once created), what it is,
 * the ARR it would add in the account's currency, when it should close and who owns it.
 */
export function ExpansionFormModal({
  opened,
  onClose,
  start,
  editing,
  accountName,
}: {
  opened: boolean;
  onClose: () => void;
  /** The values a new one starts from (e.g. a suggestion's account and owner). */
  start: ExpansionValues;
  editing?: ExpansionOpportunity;
  accountName?: string | null;
}) {
  const form = useContractForm({
    initialValues: start,
    labels: EXPANSION_LABELS,
    schema: ZExpansionCreate,
    toBody: bodyOf,
    check: amountErrors,
  });
  const create = useCreateExpansion();
  const update = useUpdateExpansion();
  const save = editing ? update : create;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a modal starts again each time it opens.
  useEffect(() => {
    if (opened) restart(form, editing ? valuesOf(editing) : start);
  }, [opened]);

  const done = (message: string) => () => {
    notifications.show({ color: "green", message });
    onClose();
  };
  const submit = form.onSubmit((body) => {
    if (editing) {
      const { accountId: _fixed, currency: _kept, ...patch } = body;
      update.mutate(
        { id: editing.id, body: patch },
        { onSuccess: done("Opportunity saved"), onError: showServerErrors(form, EXPANSION_LABELS) },
      );
    } else {
      create.mutate(body, {
        onSuccess: done("Opportunity recorded"),
        onError: showServerErrors(form, EXPANSION_LABELS),
      });
    }
  });

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={editing ? "Edit expansion opportunity" : "New expansion opportunity"}
      onSubmit={submit}
      save={save}
      errors={form.errors}
      submitLabel={editing ? "Save" : "Record opportunity"}
    >
      <AccountPicker
        label="Account"
        required
        disabled={Boolean(editing)}
        initialLabel={accountName ?? editing?.accountName ?? null}
        {...form.getInputProps("accountId")}
      />
      <TextInput
        label="Title"
        required
        placeholder="e.g. Analytics add-on for the EMEA team"
        {...form.getInputProps("title")}
      />
      <NumberInput
        label={`ARR it would add (${form.values.currency})`}
        required
        min={0}
        decimalScale={2}
        thousandSeparator=","
        {...form.getInputProps("arr")}
      />
      <TextInput type="date" label="Expected close" {...form.getInputProps("expectedClose")} />
      <MemberPicker label="Owner" placeholder="No owner" {...form.getInputProps("ownerId")} />
      <Textarea label="Note" autosize minRows={2} {...form.getInputProps("note")} />
    </FormModal>
  );
}
