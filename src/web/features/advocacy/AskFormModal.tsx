import { Checkbox, Select, SimpleGrid, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { utcToday } from "../../../common/dates.ts";
import { ADVOCACY_KINDS, type AdvocacyKind, ZAdvocacyAskCreate } from "../../../contract/index.ts";
import { options } from "../../lib/labels.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import {
  blankToNull,
  type FieldLabels,
  restart,
  showServerErrors,
  useContractForm,
  useOnOpen,
} from "../../ui/form.ts";
import { AccountPicker } from "../../ui/pickers.tsx";
import { AccountContactPicker } from "../accounts/AccountContactPicker.tsx";
import { windowRefusal } from "./advocacyView.ts";
import { KIND_LABELS } from "./labels.ts";
import { type AskCreateBody, useAdvocacyMutations } from "./use-advocacy.ts";

type Values = {
  accountId: string | null;
  contactId: string | null;
  kind: AdvocacyKind;
  askedOn: string;
  detail: string;
  ignoreWindow: boolean;
};

const LABELS: FieldLabels = {
  accountId: "Account",
  contactId: "Who",
  kind: "Asked for",
  askedOn: "Asked on",
  detail: "Detail",
};

/** Who the ask is for when the page already says: a candidate, or an account's page. */
export type AskTarget = {
  account: { id: string; name: string };
  contact?: { id: string; name: string } | null;
  kind?: AdvocacyKind | null;
};

const valuesOf = (t: AskTarget | null): Values => ({
  accountId: t?.account.id ?? null,
  contactId: t?.contact?.id ?? null,
  kind: t?.kind ?? "reference",
  askedOn: utcToday(),
  detail: "",
  ignoreWindow: false,
});

/**
 * Records an ask for a reference, testimonial, referral, review or case study. When the person
 * (or the account) was asked within the do-not-ask window, the server's refusal shows at their
 * field with when they were asked, and the form offers to ask anyway.
 */
export function AskFormModal({
  opened,
  onClose,
  target,
}: {
  opened: boolean;
  onClose: () => void;
  target: AskTarget | null;
}) {
  const { create } = useAdvocacyMutations();
  const [refused, setRefused] = useState(false);
  const form = useContractForm<Values, AskCreateBody>({
    initialValues: valuesOf(target),
    labels: LABELS,
    schema: ZAdvocacyAskCreate,
    toBody: (v) => ({
      accountId: v.accountId ?? "",
      contactId: v.contactId,
      kind: v.kind,
      askedOn: v.askedOn || undefined,
      detail: blankToNull(v.detail),
      ...(v.ignoreWindow ? { ignoreWindow: true } : {}),
    }),
    check: (v): Record<string, string> => (v.accountId ? {} : { accountId: "Pick the account to ask" }),
  });
  useOnOpen(opened, () => {
    restart(form, valuesOf(target));
    setRefused(false);
    create.reset();
  });

  const onSubmit = form.onSubmit((body) =>
    create.mutate(body, {
      onSuccess: (a) => {
        notifications.show({
          color: "green",
          message: `Ask recorded: ${a.contact?.name ?? a.account.name}, ${KIND_LABELS[a.kind].toLowerCase()}`,
        });
        onClose();
      },
      onError: (e) => {
        const w = windowRefusal(e);
        if (!w) return showServerErrors(form, LABELS)(e);
        setRefused(true);
        form.setFieldError(w.field, w.message);
      },
    }),
  );

  const accountId = form.values.accountId;
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={target?.contact ? `Ask ${target.contact.name}` : "New ask"}
      size="lg"
      onSubmit={onSubmit}
      // The window's refusal sits at its field, not a second time above the buttons.
      save={{ error: windowRefusal(create.error) ? null : create.error, isPending: create.isPending }}
      errors={form.errors}
      submitLabel="Record ask"
      footerMt="xs"
    >
      <AccountPicker
        label="Account"
        placeholder="Search accounts by name"
        required
        initialLabel={target?.account.name}
        disabled={Boolean(target)}
        comboboxProps={{ withinPortal: true }}
        {...form.getInputProps("accountId")}
        onChange={(v) => {
          form.setFieldValue("accountId", v);
          form.setFieldValue("contactId", null);
        }}
      />
      {accountId ? (
        <AccountContactPicker
          accountId={accountId}
          label="Who"
          description="Leave empty to ask the account as a whole"
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("contactId")}
          onChange={(v) => {
            form.setFieldValue("contactId", v);
            form.clearFieldError("contactId");
          }}
        />
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label="Asked for"
          data={options(ADVOCACY_KINDS, KIND_LABELS)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("kind")}
        />
        <TextInput type="date" label="Asked on" max={utcToday()} {...form.getInputProps("askedOn")} />
      </SimpleGrid>
      <Textarea
        label="Detail"
        description="The prospect to call or referred, the review site, the story's title"
        autosize
        minRows={2}
        maxRows={6}
        {...form.getInputProps("detail")}
      />
      {refused ? (
        <Checkbox
          label="Ask anyway: I know they were asked recently"
          {...form.getInputProps("ignoreWindow", { type: "checkbox" })}
          onChange={(e) => {
            form.setFieldValue("ignoreWindow", e.currentTarget.checked);
            form.clearFieldError("contactId");
            form.clearFieldError("accountId");
          }}
        />
      ) : null}
    </FormModal>
  );
}
