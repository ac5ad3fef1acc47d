import { Button, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import type { LifecycleSettings, StageDefinition } from "../../../contract/index.ts";
import { STAGE_LABELS } from "../../lib/labels.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { FormError } from "../../ui/FormError.tsx";
import { PreviewApplyBar } from "../../ui/PreviewApplyBar.tsx";
import { Section } from "../../ui/Section.tsx";
import { SettingsUpdated } from "../../ui/SettingsUpdated.tsx";
import { MAX_STAGES } from "./lifecycleDraft.ts";
import { accountsWord, FIRST_VALUE_HELP, STAGES_HELP } from "./lifecycleText.ts";
import { MilestoneFields } from "./MilestoneFields.tsx";
import { StageFields } from "./StageFields.tsx";
import { TransitionsPreview } from "./TransitionsPreview.tsx";
import { useLifecycleEditor } from "./use-lifecycle-editor.ts";

const namer = (stages: Pick<StageDefinition, "key" | "label">[]) => (key: string) =>
  stages.find((s) => s.key === key)?.label ?? STAGE_LABELS[key] ?? key;

/** The stages and first value, for admins: edit, preview the draft, save, apply now. */
export function LifecycleSettingsForm({ settings }: { settings: LifecycleSettings }) {
  const editor = useLifecycleEditor(settings);
  const { form, save, preview, apply } = editor;
  const [confirming, setConfirming] = useState(false);
  const stages = form.values.stages;
  const shown = apply.data ?? preview.data;
  const savedAutomatic = settings.stages.some((s) => s.automatic);
  const draftAutomatic = stages.some((s) => s.automatic);
  const onApply = () =>
    apply.mutate(undefined, {
      onSuccess: (r) => {
        preview.reset();
        setConfirming(false);
        notifications.show({ color: "green", message: `Moved ${accountsWord(r.moved)}` });
      },
    });

  return (
    <form onSubmit={editor.submit} noValidate>
      <Stack gap="md" maw={1040}>
        <FormError error={save.error ?? preview.error} errors={form.errors} />
        <Section
          title="Stages"
          count={stages.length}
          description={STAGES_HELP}
          testId="lifecycle-stages"
          actions={
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} />}
              disabled={stages.length >= MAX_STAGES}
              onClick={editor.addStage}
            >
              Add stage
            </Button>
          }
        >
          <Stack gap="sm">
            {form.errors.stages ? (
              <Text size="sm" c="red.7" role="alert">
                {form.errors.stages}
              </Text>
            ) : null}
            {stages.map((s, i) => (
              <StageFields key={s.id} editor={editor} index={i} count={stages.length} />
            ))}
          </Stack>
        </Section>
        <Section title="First value" description={FIRST_VALUE_HELP} testId="lifecycle-first-value">
          <MilestoneFields editor={editor} />
        </Section>
        <PreviewApplyBar
          updated={
            <SettingsUpdated settings={settings} never="Never changed: these are the built-in stages." />
          }
          dirty={editor.dirty}
          saving={save.isPending}
          previewing={preview.isPending}
          onPreview={editor.runPreview}
          onApply={() => {
            apply.reset();
            setConfirming(true);
          }}
          previewBlocked={
            draftAutomatic ? null : "No stage moves accounts automatically: switch it on for one first"
          }
          applyBlocked={savedAutomatic ? null : "No saved stage moves accounts automatically"}
          what="stages"
        />
        {apply.isError && !confirming ? (
          <ErrorAlert error={apply.error} title="No account was moved" />
        ) : null}
        {shown ? (
          <TransitionsPreview
            result={shown}
            labelOf={namer(apply.data ? settings.stages : editor.previewed)}
          />
        ) : null}
      </Stack>
      <ConfirmDialog
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Move accounts into their stages now?"
        color="blue"
        message="Every account meeting the entry criteria of a saved automatic stage ahead of its own moves into it now, as a rule would; each move is kept in the account's stage history. Accounts only move forward, never out of Churned. Preview first to see who moves."
        confirmLabel="Apply now"
        onConfirm={onApply}
        loading={apply.isPending}
        error={apply.error}
      />
    </form>
  );
}
