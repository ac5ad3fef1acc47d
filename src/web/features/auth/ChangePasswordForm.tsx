import { Button, Group, PasswordInput, Stack } from "@mantine/core";
import { schemaResolver, useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import { routes, ZPasswordChange } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { useSetSession } from "../../lib/session.ts";
import { FormError } from "../../ui/FormError.tsx";
import { type FieldLabels, showServerErrors } from "../../ui/form.ts";

// The strength rule runs on the server (its dictionaries stay out of the web app); its reason
// comes back at the field.
const ZForm = ZPasswordChange.extend({ repeatPassword: z.string() }).refine(
  (v) => v.repeatPassword === v.newPassword,
  { message: "does not match the new password", path: ["repeatPassword"] },
);

const LABELS: FieldLabels = {
  currentPassword: "Current password",
  newPassword: "New password",
  repeatPassword: "Repeated password",
};

/** Current password, new one twice; on success the renewed session replaces the old one. */
export function ChangePasswordForm({ onDone, onCancel }: { onDone: () => void; onCancel?: () => void }) {
  const setSession = useSetSession();
  const form = useForm({
    initialValues: { currentPassword: "", newPassword: "", repeatPassword: "" },
    validate: schemaResolver(ZForm, { sync: true }),
  });
  const save = useMutation({
    mutationFn: (v: { currentPassword: string; newPassword: string }) =>
      api(routes.changePassword, {
        body: { currentPassword: v.currentPassword, newPassword: v.newPassword },
      }),
    onSuccess: (session) => {
      setSession(session);
      notifications.show({
        color: "green",
        message: "Password changed; your other sessions have been signed out",
      });
      onDone();
    },
    onError: showServerErrors(form, LABELS),
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
      <Stack gap="sm">
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          required
          data-autofocus
          {...form.getInputProps("currentPassword")}
        />
        <PasswordInput
          label="New password"
          description="12 characters or more, hard to guess: a few unrelated words work well"
          autoComplete="new-password"
          required
          {...form.getInputProps("newPassword")}
        />
        <PasswordInput
          label="Repeat the new password"
          autoComplete="new-password"
          required
          {...form.getInputProps("repeatPassword")}
        />
        <FormError error={save.error} />
        <Group justify="flex-end">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={save.isPending}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
