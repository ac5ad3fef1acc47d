import { Code, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { type ParkedGroup, type ParkedResolve, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { formatNumber } from "../../lib/format.ts";
import { invalidate } from "../../lib/query.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { FormModal } from "../../ui/FormModal.tsx";
import { useOnOpen } from "../../ui/form.ts";
import { AccountPicker } from "../../ui/pickers.tsx";

export type ParkedAction = ParkedResolve["action"];

const events = (n: number) => `${formatNumber(n)} event${n === 1 ? "" : "s"}`;

function useResolve(group: ParkedGroup | undefined, onDone: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ParkedResolve) =>
      api(routes.resolveParkedGroup, { params: { groupId: group?.groupId ?? "" }, body }),
    onSuccess: async (r, body) => {
      await invalidate(
        qc,
        "/api/v1/usage/",
        "/api/v1/events",
        routes.listAccounts.path,
        routes.getAccountUsage.path,
      );
      notifications.show({
        color: body.action === "discard" ? undefined : "green",
        message:
          body.action === "discard"
            ? `${events(r.events)} of ${group?.groupId} discarded`
            : `${events(r.events)} of ${group?.groupId} now count for the account`,
      });
      onDone();
    },
  });
}

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
  const [name, setName] = useState("");
  const [accountId, setAccountId] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const resolve = useResolve(group, onClose);
  useOnOpen(opened, () => {
    setName(group?.suggestedName ?? group?.groupId ?? "");
    setAccountId(null);
    setError(undefined);
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
        onConfirm={() => resolve.mutate({ action: "discard" })}
        loading={resolve.isPending}
        error={resolve.error}
      />
    );
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (action === "create") {
      if (!name.trim()) return setError("is required");
      resolve.mutate({ action: "create", name: name.trim() });
    } else {
      if (!accountId) return setError("Pick the account these events belong to");
      resolve.mutate({ action: "link", accountId });
    }
  };
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={action === "create" ? "Create an account for this group" : "Link to an existing account"}
      onSubmit={onSubmit}
      save={resolve}
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
        <TextInput
          label="Account name"
          required
          data-autofocus
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setError(undefined);
          }}
          error={error}
        />
      ) : (
        <AccountPicker
          label="Account"
          placeholder="Search accounts by name"
          required
          data-autofocus
          value={accountId}
          onChange={(v) => {
            setAccountId(v);
            setError(undefined);
          }}
          error={error}
          comboboxProps={{ withinPortal: true }}
        />
      )}
    </FormModal>
  );
}
