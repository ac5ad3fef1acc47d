import { Code, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import type { ParkedGroup, ParkedResolve } from "../../../contract/index.ts";
import { formatNumber } from "../../lib/format.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { FormModal } from "../../ui/FormModal.tsx";
import { type FieldLabels, restart, showServerErrors, useOnOpen } from "../../ui/form.ts";
import { AccountPicker } from "../../ui/pickers.tsx";
import { useResolveParked } from "./use-usage-mutations.ts";

export type ParkedAction = ParkedResolve["action"];

const events = (n: number) => `${formatNumber(n)} event${n === 1 ? "" : "s"}`;

/** The resolve mutation with its message; the modal closes when it is done. */
function useResolve(group: ParkedGroup | undefined, onDone: () => void) {
  const resolve = useResolveParked(group?.groupId);
  const run = (body: ParkedResolve, onError?: (e: unknown) => void) =>
    resolve.mutate(body, {
      onSuccess: (r) => {
        notifications.show({
          color: body.action === "discard" ? undefined : "green",
          message:
            body.action === "discard"
              ? `${events(r.events)} of ${group?.groupId} discarded`
              : `${events(r.events)} of ${group?.groupId} now count for the account`,
        });
        onDone();
      },
      onError,
    });
  return { resolve, run };
}

const LABELS: FieldLabels = { name: "Account name", accountId: "Account" };

/** Resolves a parked group id: create an account for it, link it to an existing one, or discard its events. */
export function ResolveParkedModal({
  group,
  action,
  opened,
  onClose,
}: {
  group: ParkedGroup | undefined;
  action: ParkedAction;
  opened: boolean;
  onClose: () => void;
}) {
  const form = useForm({
    mode: "controlled",
    initialValues: { name: "", accountId: null as string | null },
    validate: (v) => {
      if (action === "create") return v.name.trim() ? {} : { name: "Account name is required" };
      if (action === "link")
        return v.accountId ? {} : { accountId: "Pick the account these events belong to" };
      return {};
    },
  });
  const { resolve, run } = useResolve(group, onClose);
  useOnOpen(opened, () => {
    restart(form, { name: group?.suggestedName ?? group?.groupId ?? "", accountId: null });
    resolve.reset();
  });

  if (action === "discard") {
    return (
      <ConfirmDialog
        opened={opened}
        onClose={onClose}
        title={`Discard the events of ${group?.groupId ?? ""}?`}
        message={`${events(group?.events ?? 0)} parked for this group id are deleted. Events the source sends for it later are parked again.`}
        confirmLabel="Discard events"
        onConfirm={() => run({ action: "discard" })}
        loading={resolve.isPending}
        error={resolve.error}
      />
    );
  }

  const onSubmit = form.onSubmit((v) =>
    run(
      action === "create"
        ? { action: "create", name: v.name.trim() }
        : { action: "link", accountId: v.accountId ?? "" },
      showServerErrors(form, LABELS),
    ),
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={action === "create" ? "Create an account for this group" : "Link to an existing account"}
      onSubmit={onSubmit}
      save={resolve}
      errors={form.errors}
      submitLabel={action === "create" ? "Create account" : "Link account"}
    >
      <Text size="sm">
        Group id <Code>{group?.groupId}</Code> · {events(group?.events ?? 0)} from{" "}
        {formatNumber(group?.users ?? 0)} user{group?.users === 1 ? "" : "s"}.{" "}
        {action === "create"
          ? "A new account is created for this group id and its parked events count for it."
          : "The account you pick takes this group id as its external id: its parked events and later ones count for it. An account that already has another external id cannot take it."}
      </Text>
      {action === "create" ? (
        <TextInput label="Account name" required data-autofocus {...form.getInputProps("name")} />
      ) : (
        <AccountPicker
          label="Account"
          placeholder="Search accounts by name"
          required
          data-autofocus
          {...form.getInputProps("accountId")}
          comboboxProps={{ withinPortal: true }}
        />
      )}
    </FormModal>
  );
}
