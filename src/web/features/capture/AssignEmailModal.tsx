import { MultiSelect, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { type CaptureAssign, type CapturedEmail, routes, ZCaptureAssign } from "../../../contract/index.ts";
import { formatDate } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { type FieldLabels, restart, showServerErrors, useContractForm, useOnOpen } from "../../ui/form.ts";
import { AccountPicker } from "../../ui/pickers.tsx";
import { useCaptureMutations } from "./use-capture.ts";

type Values = { accountId: string | null; contactIds: string[] };

const LABELS: FieldLabels = { accountId: "Account", contactIds: "Key players present" };

/** The participants already matched to this account's contacts: who was there, as far as Steward can tell. */
const presentAt = (email: CapturedEmail | undefined, accountId: string | null): string[] =>
  (email?.participants ?? []).flatMap((p) => (p.contactId && p.accountId === accountId ? [p.contactId] : []));

/** Makes a captured email a touchpoint of the account chosen, with the contacts who were present. */
export function AssignEmailModal({
  email,
  opened,
  onClose,
}: {
  email: CapturedEmail | undefined;
  opened: boolean;
  onClose: () => void;
}) {
  const { assign } = useCaptureMutations();
  const form = useContractForm<Values, CaptureAssign>({
    initialValues: { accountId: null, contactIds: [] },
    labels: LABELS,
    schema: ZCaptureAssign,
    toBody: (v) => ({ accountId: v.accountId ?? "", contactIds: v.contactIds }),
    check: (v): Record<string, string> =>
      v.accountId ? {} : { accountId: "Pick the account this email belongs to" },
  });
  useOnOpen(opened, () => {
    restart(form, { accountId: null, contactIds: [] });
    assign.reset();
  });
  const accountId = form.values.accountId;
  const contacts = useQuery({
    ...apiQuery(routes.listContacts, { query: { accountId: accountId ?? "", limit: 200, sort: "name" } }),
    enabled: Boolean(accountId),
  });
  const people = form.values.accountId
    ? (contacts.data?.data ?? []).map((c) => ({
        value: c.id,
        label: c.email ? `${c.name} (${c.email})` : c.name,
      }))
    : [];

  const onSubmit = form.onSubmit((body) =>
    email
      ? assign.mutate(
          { email, body },
          {
            onSuccess: (done) => {
              notifications.show({
                color: "green",
                message: `“${done.subject}” is now a touchpoint of ${done.accountName ?? "the account"}`,
              });
              onClose();
            },
            onError: showServerErrors(form, LABELS),
          },
        )
      : undefined,
  );

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Assign to an account"
      onSubmit={onSubmit}
      save={assign}
      errors={form.errors}
      submitLabel="Make it a touchpoint"
    >
      <Text size="sm">
        “{email?.subject}” becomes an email touchpoint of the account you pick, logged for{" "}
        {email?.senderName ?? "its sender"} on {formatDate(email?.sentAt.slice(0, 10))}.
      </Text>
      <AccountPicker
        label="Account"
        placeholder="Search accounts by name"
        required
        data-autofocus
        {...form.getInputProps("accountId")}
        onChange={(accountId) => {
          form.setFieldValue("accountId", accountId);
          form.setFieldValue("contactIds", presentAt(email, accountId));
        }}
        comboboxProps={{ withinPortal: true }}
      />
      <MultiSelect
        label="Key players present"
        placeholder={
          !form.values.accountId
            ? "Pick the account first"
            : people.length
              ? "Pick who was on the email"
              : "No contacts at this account yet"
        }
        disabled={!form.values.accountId}
        searchable
        data={people}
        comboboxProps={{ withinPortal: true }}
        {...form.getInputProps("contactIds")}
      />
    </FormModal>
  );
}
