import { Box, Button, Group, NumberInput, Skeleton } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { routes, ZHealthSettingsUpdate } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { FormError } from "../../ui/FormError.tsx";
import { type FieldLabels, restart, showServerErrors, useContractForm } from "../../ui/form.ts";
import { Section } from "../../ui/Section.tsx";
import { type HealthSettingsBody, useSaveHealthSettings } from "./use-health-mutations.ts";

type Values = { sentimentStaleDays: number | string; onboardingDays: number | string };
const LABELS: FieldLabels = {
  sentimentStaleDays: "Sentiment counts for",
  onboardingDays: "Onboarding window",
};

/**
 * The workspace's health settings: how long a CSM's sentiment counts, and the onboarding window in
 * which a new customer without enough data is said to have not enough data yet instead of being
 * scored poor. Admins change them; saving recomputes today's scores.
 */
export function HealthSettingsCard({ isAdmin }: { isAdmin: boolean }) {
  const settings = useQuery(apiQuery(routes.getHealthSettings, {}));
  const form = useContractForm({
    initialValues: { sentimentStaleDays: "", onboardingDays: "" } as Values,
    labels: LABELS,
    schema: ZHealthSettingsUpdate,
    toBody: (v: Values): HealthSettingsBody => ({
      sentimentStaleDays: Number(v.sentimentStaleDays),
      onboardingDays: Number(v.onboardingDays),
    }),
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: restart only when the saved settings change
  useEffect(() => {
    if (settings.data) restart(form, settings.data);
  }, [settings.data]);
  const save = useSaveHealthSettings();
  const onSubmit = form.onSubmit((body) =>
    save.mutate(body, {
      onSuccess: () => notifications.show({ message: "Health settings saved; today's scores recomputed" }),
      onError: showServerErrors(form, LABELS),
    }),
  );
  const changed =
    settings.data &&
    (Number(form.values.sentimentStaleDays) !== settings.data.sentimentStaleDays ||
      Number(form.values.onboardingDays) !== settings.data.onboardingDays);

  return (
    <Section
      title="Health settings"
      description={
        isAdmin
          ? "How long a sentiment rating counts, and how long a new customer may go without enough data before it is scored"
          : "How long a sentiment rating counts, and how long a new customer may go without enough data before it is scored. Admins can change them."
      }
    >
      {settings.isError ? (
        <ErrorAlert
          error={settings.error}
          title="Health settings could not be loaded"
          onRetry={() => settings.refetch()}
        />
      ) : !settings.data ? (
        <Skeleton h={60} />
      ) : (
        <form onSubmit={onSubmit} noValidate aria-label="Health settings">
          <Group align="flex-end" gap="md" wrap="wrap">
            <NumberInput
              label="Sentiment counts for (days)"
              min={1}
              max={365}
              w={230}
              readOnly={!isAdmin}
              {...form.getInputProps("sentimentStaleDays")}
            />
            <NumberInput
              label="Onboarding window (days)"
              description="0 scores new customers from day one"
              min={0}
              max={365}
              w={230}
              readOnly={!isAdmin}
              {...form.getInputProps("onboardingDays")}
            />
            {isAdmin ? (
              <Button type="submit" loading={save.isPending} disabled={!changed}>
                Save settings
              </Button>
            ) : null}
          </Group>
          <Box mt="sm">
            <FormError error={save.error} errors={form.errors} />
          </Box>
        </form>
      )}
    </Section>
  );
}
