import { Button, NumberInput, SimpleGrid, Stack, Switch, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { COVERAGE_MODELS, type CoverageSettings, routes } from "../../../contract/index.ts";
import { formatNumber } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { FormError } from "../../ui/FormError.tsx";
import { PreviewApplyBar } from "../../ui/PreviewApplyBar.tsx";
import { Section } from "../../ui/Section.tsx";
import { SettingsUpdated } from "../../ui/SettingsUpdated.tsx";
import { COVERAGE_LABELS } from "../health/healthText.ts";
import { blankTieringRule, MAX_TIERING_RULES } from "./coverageDraft.ts";
import { CAPACITY_HELP, TIERING_HELP } from "./labels.ts";
import { TieringPreview } from "./TieringPreview.tsx";
import { TieringRuleFields } from "./TieringRuleFields.tsx";
import { useCoverageEditor } from "./use-coverage-editor.ts";

/** Capacity and the tiering rules, for admins: edit, preview the draft, save, apply now. */
export function CoverageSettingsForm({ settings }: { settings: CoverageSettings }) {
  const editor = useCoverageEditor(settings);
  const { form, save, preview, apply } = editor;
  const facets = useQuery(apiQuery(routes.accountFacets, {}));
  const [confirming, setConfirming] = useState(false);
  const rules = form.values.tiering.rules;
  const shown = apply.data ?? preview.data;
  const onApply = () =>
    apply.mutate(undefined, {
      onSuccess: (r) => {
        preview.reset();
        setConfirming(false);
        notifications.show({
          color: "green",
          message: `Tiering applied: ${formatNumber(r.changed)} account${r.changed === 1 ? "" : "s"} changed`,
        });
      },
    });

  return (
    <form onSubmit={editor.submit} noValidate>
      <Stack gap="md" maw={1040}>
        <FormError error={save.error ?? preview.error} errors={form.errors} />
        <Section title="Capacity" description={CAPACITY_HELP} testId="coverage-capacity">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            {COVERAGE_MODELS.map((c) => (
              <NumberInput
                key={c}
                label={COVERAGE_LABELS[c]}
                description="accounts in a full book"
                withAsterisk
                min={1}
                allowDecimal={false}
                allowNegative={false}
                thousandSeparator=","
                {...form.getInputProps(`capacity.${c}`)}
              />
            ))}
          </SimpleGrid>
        </Section>
        <Section
          title="Tiering rules"
          description={TIERING_HELP}
          testId="coverage-tiering"
          actions={
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} />}
              disabled={rules.length >= MAX_TIERING_RULES}
              onClick={() => form.insertListItem("tiering.rules", blankTieringRule())}
            >
              Add rule
            </Button>
          }
        >
          <Stack gap="sm">
            {form.errors["tiering.rules"] ? (
              <Text size="sm" c="red.7" role="alert">
                {form.errors["tiering.rules"]}
              </Text>
            ) : null}
            {rules.length === 0 ? (
              <Text size="sm" c="dimmed">
                No tiering rules yet: tiers and coverage are set by hand. Add a rule — for example Enterprise,
                one-to-one, for ARR of at least 200,000.
              </Text>
            ) : null}
            {rules.map((r, i) => (
              <TieringRuleFields
                key={r.key}
                editor={editor}
                index={i}
                count={rules.length}
                suggestions={facets.data?.tiers ?? []}
              />
            ))}
            <Switch
              label="Run every night"
              description="Re-applies the saved rules each night (02:40 UTC), so an account that outgrows its tier moves up without anyone tidying the list."
              {...form.getInputProps("tiering.enabled", { type: "checkbox" })}
            />
          </Stack>
        </Section>
        <PreviewApplyBar
          updated={<SettingsUpdated settings={settings} />}
          dirty={editor.dirty}
          saving={save.isPending}
          previewing={preview.isPending}
          onPreview={editor.runPreview}
          onApply={() => {
            apply.reset();
            setConfirming(true);
          }}
          applyBlocked={
            settings.tiering.rules.length === 0 ? "There are no saved tiering rules to apply" : null
          }
          what="rules"
        />
        {apply.isError && !confirming ? (
          <ErrorAlert error={apply.error} title="Tiering was not applied" />
        ) : null}
        {shown ? (
          <TieringPreview result={shown} rules={apply.data ? settings.tiering.rules : editor.previewed} />
        ) : null}
      </Stack>
      <ConfirmDialog
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Apply the tiering rules now?"
        color="blue"
        message="Every account's tier and coverage is set by the saved rules now, as a rule. Settings made by hand stay as they are. Preview first to see what will change."
        confirmLabel="Apply now"
        onConfirm={onApply}
        loading={apply.isPending}
        error={apply.error}
      />
    </form>
  );
}
