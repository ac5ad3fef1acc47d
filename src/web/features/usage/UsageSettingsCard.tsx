import { Box, Button, Group, NumberInput, Skeleton } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect } from "react";
import { routes, ZUsageSettings } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { apiQuery, invalidate } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { FormError } from "../../ui/FormError.tsx";
import { useFormState } from "../../ui/form.ts";
import { Section } from "../../ui/Section.tsx";

/** Days without product activity before an account or a key player counts as quiet; admins change them. */
export function UsageSettingsCard({ isAdmin }: { isAdmin: boolean }) {
  const qc = useQueryClient();
  const settings = useQuery(apiQuery(routes.getUsageSettings, {}));
  const form = useFormState<{ quietDays: number | string; keyPlayerQuietDays: number | string }>({
    quietDays: "",
    keyPlayerQuietDays: "",
  });
  const { reset } = form;
  useEffect(() => {
    if (settings.data) reset(settings.data);
  }, [settings.data, reset]);
  const save = useMutation({
    mutationFn: (body: { quietDays: number; keyPlayerQuietDays: number }) =>
      api(routes.updateUsageSettings, { body }),
    onSuccess: async () => {
      await invalidate(qc, "/api/v1/usage/", routes.getAccountUsage.path);
      notifications.show({ message: "Quiet thresholds saved" });
    },
    onError: form.showServerErrors,
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      quietDays: Number(form.values.quietDays),
      keyPlayerQuietDays: Number(form.values.keyPlayerQuietDays),
    };
    if (form.validate(ZUsageSettings, body)) save.mutate(body);
  };
  const changed =
    settings.data &&
    (Number(form.values.quietDays) !== settings.data.quietDays ||
      Number(form.values.keyPlayerQuietDays) !== settings.data.keyPlayerQuietDays);

  return (
    <Section
      title="Quiet thresholds"
      description={
        isAdmin
          ? "Days without any product activity before an account or a key player is listed as quiet"
          : "Days without product activity before an account or key player counts as quiet. Admins can change them."
      }
    >
      {settings.isError ? (
        <ErrorAlert
          error={settings.error}
          title="Usage settings could not be loaded"
          onRetry={() => settings.refetch()}
        />
      ) : !settings.data ? (
        <Skeleton h={60} />
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Group align="flex-end" gap="md" wrap="wrap">
            <NumberInput
              label="Account quiet after (days)"
              min={1}
              max={365}
              w={250}
              readOnly={!isAdmin}
              value={form.values.quietDays}
              onChange={(v) => form.set("quietDays", v)}
              error={form.errors.quietDays}
            />
            <NumberInput
              label="Key player quiet after (days)"
              min={1}
              max={365}
              w={250}
              readOnly={!isAdmin}
              value={form.values.keyPlayerQuietDays}
              onChange={(v) => form.set("keyPlayerQuietDays", v)}
              error={form.errors.keyPlayerQuietDays}
            />
            {isAdmin ? (
              <Button type="submit" loading={save.isPending} disabled={!changed}>
                Save thresholds
              </Button>
            ) : null}
          </Group>
          {save.error ? (
            <Box mt="sm">
              <FormError error={save.error} />
            </Box>
          ) : null}
        </form>
      )}
    </Section>
  );
}
