import { Button, Skeleton, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import type { Rule } from "../../../contract/index.ts";
import { EditorHeader } from "../../ui/EditorHeader.tsx";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { FormError } from "../../ui/FormError.tsx";
import { Section } from "../../ui/Section.tsx";
import { FilterGroupEditor } from "../segments/FilterGroupEditor.tsx";
import { ActionFields } from "./ActionFields.tsx";
import { blankAction } from "./ruleDraft.ts";
import { TriggerFields } from "./TriggerFields.tsx";
import { useRuleEditor } from "./use-rule-editor.ts";

const MAX_ACTIONS = 10;

/** A rule's form: name, trigger, conditions (the segments' builder) and actions. */
export function RuleEditor({
  rule,
  onSaved,
  onCancel,
}: {
  rule?: Rule;
  onSaved: (r: Rule) => void;
  onCancel: () => void;
}) {
  const { form, ed, fields, save, submit } = useRuleEditor(rule, onSaved);
  const actions = form.values.actions;
  return (
    <form onSubmit={submit} noValidate>
      <EditorHeader
        at={{ list: "/rules", page: "/rules/$id" }}
        listLabel="Rules"
        record={rule}
        title={rule ? `Edit “${rule.name}”` : "New rule"}
        description={
          rule
            ? "Changes apply from the next time the rule fires."
            : "A new rule starts switched off: dry-run and replay it before you switch it on."
        }
        saveLabel="Save rule"
        saving={save.isPending}
        onCancel={onCancel}
      />
      <Stack gap="md" maw={960}>
        <FormError error={save.error} errors={form.errors} />
        <Section title="Rule">
          <Stack gap="sm">
            <TextInput label="Name" withAsterisk maxLength={120} {...form.getInputProps("name")} />
            <Textarea
              label="Description"
              description="Why the rule exists, so others know what it is for"
              autosize
              minRows={1}
              {...form.getInputProps("description")}
            />
          </Stack>
        </Section>
        <Section title="Trigger" description="What makes the rule fire for an account" testId="rule-trigger">
          <TriggerFields form={form} />
        </Section>
        <Section
          title="Conditions"
          description="Which accounts it acts on, with the same fields as segments (optional: no conditions means every account)"
          testId="rule-conditions"
        >
          {fields.isError ? (
            <ErrorAlert
              error={fields.error}
              title="The fields conditions can test could not be loaded"
              onRetry={() => fields.refetch()}
            />
          ) : !fields.fields ? (
            <Skeleton h={80} />
          ) : (
            <FilterGroupEditor group={form.values.conditions} depth={1} ed={ed} entity="account" />
          )}
        </Section>
        <Section
          title="Actions"
          description="What the rule does for each account, in this order"
          testId="rule-actions"
          actions={
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} />}
              disabled={actions.length >= MAX_ACTIONS}
              onClick={() => form.insertListItem("actions", blankAction())}
            >
              Add action
            </Button>
          }
        >
          <Stack gap="sm">
            {form.errors.actions ? (
              <Text size="sm" c="red.7">
                {form.errors.actions}
              </Text>
            ) : null}
            {actions.map((a, i) => (
              <ActionFields key={a.key} form={form} index={i} removable={actions.length > 1} />
            ))}
          </Stack>
        </Section>
      </Stack>
    </form>
  );
}
