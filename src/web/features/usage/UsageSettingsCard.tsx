import { Box, Button, Group, NumberInput, Skeleton } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { routes, ZUsageSettings } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { FormError } from "../../ui/FormError.tsx";
import { type FieldLabels, restart, showServerErrors, useContractForm } from "../../ui/form.ts";
import { Section } from "../../ui/Section.tsx";
import { type UsageSettingsBody, useSaveUsageSettings } from "./use-usage-mutations.ts";

type Values = { quietDays: number | string; keyPlayerQuietDays: number | string };
const LABELS: FieldLabels = {
  quietDays: "Account quiet after",
  keyPlayerQuietDays: "Key player quiet after",
};

/** Days without product activity before an account or a key player counts as quiet; admins change them. */
export function UsageSettingsCard({ isAdmin }: { isAdmin: boolean }) {
  const settings = useQuery(apiQuery(routes.getUsageSettings, {}));
  const form = useContractForm({
    initialValues: { quietDays: "", keyPlayerQuietDays: "" } as Values,
    labels: LABELS,
    schema: ZUsageSettings,
    toBody: (v: Values): UsageSettingsBody => ({
      quietDays: Number(v.quietDays),
      keyPlayerQuietDays: Number(v.keyPlayerQuietDays),
    }),
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: restart only when the saved settings change
  useEffect(() => {
    if (settings.data) restart(form, settings.data);
  }, [settings.data]);
  const save = useSaveUsageSettings();
  const onSubmit = form.onSubmit((body) =>
    save.mutate(body, {
      onSuccess: () => notifications.show({ message: "Quiet thresholds saved" }),
      onError: showServerErrors(form, LABELS),
    }),
  );
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
              {...form.getInputProps("quietDays")}
            />
            <NumberInput
              label="Key player quiet after (days)"
              min={1}
              max={365}
              w={250}
              readOnly={!isAdmin}
              {...form.getInputProps("keyPlayerQuietDays")}
            />
            {isAdmin ? (
              <Button type="submit" loading={save.isPending} disabled={!changed}>
                Save thresholds
              </Button>
            ) : null}
          </Group>
          {save.error ? (
            <Box mt="sm">
              <FormError error={save.error} errors={form.errors} />
            </Box>
          ) : null}
        </form>
      )}
    </Section>
  );
}
