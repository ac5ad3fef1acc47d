import { Box, Button, Group, NumberInput, Skeleton } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect } from "react";
import { routes, ZHealthSettingsUpdate } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { apiQuery, invalidate } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { FormError } from "../../ui/FormError.tsx";
import { useFormState } from "../../ui/form.ts";
import { Section } from "../../ui/Section.tsx";

type Values = { sentimentStaleDays: number | string; onboardingDays: number | string };

/**
 * The workspace's health settings: how long a CSM's sentiment counts, and the onboarding window in
 * which a new customer without enough data is said to have not enough data yet instead of being
 * scored poor. Admins change them; saving recomputes today's scores.
 */
export function HealthSettingsCard({ isAdmin }: { isAdmin: boolean }) {
  const qc = useQueryClient();
  const settings = useQuery(apiQuery(routes.getHealthSettings, {}));
  const form = useFormState<Values>({ sentimentStaleDays: "", onboardingDays: "" });
  const { reset } = form;
  useEffect(() => {
    if (settings.data) reset(settings.data);
  }, [settings.data, reset]);
  const save = useMutation({
    mutationFn: (body: { sentimentStaleDays: number; onboardingDays: number }) =>
      api(routes.updateHealthSettings, { body }),
    onSuccess: async () => {
      // Scores were recomputed: lists and panels showing health read them again.
      await invalidate(qc, "/api/v1/health/", "/api/v1/accounts");
      notifications.show({ message: "Health settings saved; today's scores recomputed" });
    },
    onError: form.showServerErrors,
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      sentimentStaleDays: Number(form.values.sentimentStaleDays),
      onboardingDays: Number(form.values.onboardingDays),
    };
    if (form.validate(ZHealthSettingsUpdate, body)) save.mutate(body);
  };
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
              value={form.values.sentimentStaleDays}
              onChange={(v) => form.set("sentimentStaleDays", v)}
              error={form.errors.sentimentStaleDays}
            />
            <NumberInput
              label="Onboarding window (days)"
              description="0 scores new customers from day one"
              min={0}
              max={365}
              w={230}
              readOnly={!isAdmin}
              value={form.values.onboardingDays}
              onChange={(v) => form.set("onboardingDays", v)}
              error={form.errors.onboardingDays}
            />
            {isAdmin ? (
              <Button type="submit" loading={save.isPending} disabled={!changed}>
                Save settings
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
