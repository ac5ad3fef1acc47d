import { PasswordInput, Text } from "@mantine/core";
import { schemaResolver, useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { z } from "zod";
import { type Member, routes, ZNewPassword } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { type FieldLabels, showServerErrors, useOnOpen } from "../../ui/form.ts";

const ZForm = z.object({ password: ZNewPassword });
const LABELS: FieldLabels = { password: "Temporary password" };

/** An admin gives a member a temporary password, to pass on to them; they must change it. */
export function ResetPasswordModal({
  member,
  opened,
  onClose,
}: {
  member?: Member;
  opened: boolean;
  onClose: () => void;
}) {
  const form = useForm({ initialValues: { password: "" }, validate: schemaResolver(ZForm, { sync: true }) });
  useOnOpen(opened, () => {
    form.reset();
    save.reset();
  });
  const save = useMutation({
    mutationFn: (password: string) =>
      api(routes.resetMemberPassword, { params: { id: member?.userId ?? "" }, body: { password } }),
    onSuccess: () => {
      notifications.show({
        color: "green",
        message: `${member?.name} must choose a new password when they next sign in; their sessions have ended`,
      });
      onClose();
    },
    onError: showServerErrors(form, LABELS),
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`Reset ${member?.name ?? ""}'s password`}
      onSubmit={(e) => form.onSubmit((v) => save.mutate(v.password))(e as FormEvent<HTMLFormElement>)}
      save={save}
      submitLabel="Set temporary password"
    >
      <Text size="sm">
        They are signed out everywhere and sign in next with this temporary password, then choose their own.
        Tell it to them in person or over a channel you trust.
      </Text>
      <PasswordInput
        label="Temporary password"
        description="12 characters or more, hard to guess"
        autoComplete="new-password"
        required
        data-autofocus
        {...form.getInputProps("password")}
      />
    </FormModal>
  );
}
