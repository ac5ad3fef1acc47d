import {
  ActionIcon,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconTrash } from "@tabler/icons-react";
import { COVERAGE_MODELS, type RuleAction, TASK_PRIORITIES, TASK_TYPES } from "../../../contract/index.ts";
import { MemberPicker } from "../../ui/pickers.tsx";
import { COVERAGE_LABELS } from "../health/healthText.ts";
import { PRIORITY_LABELS, TYPE_LABELS } from "../inbox/labels.ts";
import { useStages } from "../lifecycle/use-lifecycle.ts";
import { usePlaybookChoices } from "../playbooks/use-playbooks.ts";
import { useSegmentFields } from "../segments/use-segments.ts";
import { ACTION_KIND_LABELS } from "./labels.ts";
import type { ActionDraft, RuleValues } from "./ruleDraft.ts";

type Form = UseFormReturnType<RuleValues>;

/** Which playbook, and the share of matching accounts held out of it to measure its effect. */
function PlaybookFields({ form, at }: { form: Form; at: string }) {
  const playbooks = usePlaybookChoices();
  return (
    <Group align="flex-start">
      <Select
        label="Playbook"
        withAsterisk
        w={280}
        searchable
        data={playbooks.options}
        nothingFoundMessage={playbooks.loading ? "Loading playbooks…" : "No playbook yet"}
        {...form.getInputProps(`${at}.playbookId`)}
      />
      <NumberInput
        label="Hold out"
        w={160}
        min={0}
        max={50}
        suffix="%"
        description="Picked at random; compared in the playbook's report"
        {...form.getInputProps(`${at}.holdOutPercent`)}
      />
    </Group>
  );
}

const BUILT_IN_FIELDS = [
  { value: "tier", label: "Tier" },
  { value: "industry", label: "Industry" },
  { value: "region", label: "Region" },
  { value: "country", label: "Country" },
];

/** Who gets the task or the account: its owner, one member, or a team's members in turn. */
function AssigneeFields({ form, at }: { form: Form; at: string }) {
  const kind = form.getValues().actions[Number(at.split(".")[1])]?.assignee.kind;
  return (
    <Group gap="sm" align="flex-start" grow>
      <Select
        label="Assign to"
        allowDeselect={false}
        data={[
          { value: "account_owner", label: "The account owner" },
          { value: "user", label: "A member" },
          { value: "round_robin", label: "A team, in turn" },
        ]}
        {...form.getInputProps(`${at}.assignee.kind`)}
      />
      {kind === "user" ? (
        <MemberPicker label="Member" withAsterisk {...form.getInputProps(`${at}.assignee.userId`)} />
      ) : null}
      {kind === "round_robin" ? (
        <TextInput
          label="Team"
          withAsterisk
          description="As set on members in Settings → Members"
          {...form.getInputProps(`${at}.assignee.team`)}
        />
      ) : null}
    </Group>
  );
}

/** `update_field`: a built-in text field or a custom field, and its value in the input its type calls for. */
function UpdateFieldFields({ form, at, action }: { form: Form; at: string; action: ActionDraft }) {
  const { fields } = useSegmentFields("account");
  const custom = (fields ?? []).filter((f) => f.key.startsWith("custom."));
  const def = custom.find((f) => f.key === action.field);
  const valueProps = form.getInputProps(`${at}.value`);
  return (
    <Group gap="sm" align="flex-start" grow>
      <Select
        label="Field"
        allowDeselect={false}
        searchable
        data={[...BUILT_IN_FIELDS, ...custom.map((f) => ({ value: f.key, label: f.label }))]}
        value={action.field}
        onChange={(v) => {
          const f = custom.find((c) => c.key === v);
          form.setFieldValue(`${at}.field`, v ?? "tier");
          form.setFieldValue(
            `${at}.valueType`,
            f?.type === "number" ? "number" : f?.type === "boolean" ? "boolean" : "text",
          );
          form.setFieldValue(`${at}.value`, "");
        }}
        error={form.errors[`${at}.field`]}
      />
      {def?.type === "boolean" ? (
        <Select
          label="Value"
          clearable
          placeholder="Empty"
          data={[
            { value: "true", label: "Yes" },
            { value: "false", label: "No" },
          ]}
          {...valueProps}
        />
      ) : def?.type === "enum" ? (
        <Select label="Value" clearable placeholder="Empty" data={def.options ?? []} {...valueProps} />
      ) : (
        <TextInput label="Value" placeholder="Empty clears it" {...valueProps} />
      )}
    </Group>
  );
}

/** One action: its kind, the fields that kind takes, and a remove button (one action at least stays). */
export function ActionFields({ form, index, removable }: { form: Form; index: number; removable: boolean }) {
  const stages = useStages();
  const at = `actions.${index}`;
  const a = form.values.actions[index];
  if (!a) return null;
  return (
    <Paper withBorder radius="md" p="sm" data-testid="rule-action">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Select
            label={`Action ${index + 1}`}
            w={280}
            allowDeselect={false}
            data={(Object.keys(ACTION_KIND_LABELS) as RuleAction["kind"][]).map((k) => ({
              value: k,
              label: ACTION_KIND_LABELS[k],
            }))}
            {...form.getInputProps(`${at}.kind`)}
          />
          {removable ? (
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove action ${index + 1}`}
              onClick={() => form.removeListItem("actions", index)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          ) : null}
        </Group>
        {a.kind === "create_task" ? (
          <>
            <Group gap="sm" align="flex-start" grow>
              <Select
                label="Open"
                allowDeselect={false}
                data={[
                  { value: "alert", label: "An alert" },
                  { value: "task", label: "A task" },
                ]}
                {...form.getInputProps(`${at}.taskKind`)}
              />
              <Select
                label="Type"
                allowDeselect={false}
                data={TASK_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
                {...form.getInputProps(`${at}.type`)}
              />
              <Select
                label="Priority"
                allowDeselect={false}
                data={TASK_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))}
                {...form.getInputProps(`${at}.priority`)}
              />
              <NumberInput
                label="Due in"
                placeholder="No due date"
                min={0}
                max={365}
                allowDecimal={false}
                rightSection={<Text size="xs">days</Text>}
                rightSectionWidth={44}
                {...form.getInputProps(`${at}.dueInDays`)}
              />
            </Group>
            <TextInput label="Title" withAsterisk maxLength={300} {...form.getInputProps(`${at}.title`)} />
            <Textarea label="Description" autosize minRows={1} {...form.getInputProps(`${at}.description`)} />
            <AssigneeFields form={form} at={at} />
          </>
        ) : null}
        {a.kind === "send_email" ? (
          <>
            <Select
              label="To"
              allowDeselect={false}
              w={280}
              data={[
                { value: "account_owner", label: "The account owner" },
                { value: "key_players", label: "The account's key players" },
              ]}
              {...form.getInputProps(`${at}.to`)}
            />
            <TextInput
              label="Subject"
              withAsterisk
              maxLength={200}
              {...form.getInputProps(`${at}.subject`)}
            />
            <Textarea
              label="Text"
              withAsterisk
              autosize
              minRows={3}
              description="{account}, {firstName} and {owner} are replaced by the account's name, the recipient's first name and the owner's name."
              {...form.getInputProps(`${at}.text`)}
            />
          </>
        ) : null}
        {a.kind === "update_field" ? <UpdateFieldFields form={form} at={at} action={a} /> : null}
        {a.kind === "set_stage" ? (
          <Select
            label="Stage"
            w={280}
            allowDeselect={false}
            data={stages.options(a.stage)}
            {...form.getInputProps(`${at}.stage`)}
          />
        ) : null}
        {a.kind === "set_coverage" ? (
          <Select
            label="Coverage"
            w={280}
            allowDeselect={false}
            data={COVERAGE_MODELS.map((c) => ({ value: c, label: COVERAGE_LABELS[c] ?? c }))}
            {...form.getInputProps(`${at}.coverage`)}
          />
        ) : null}
        {a.kind === "assign_owner" ? <AssigneeFields form={form} at={at} /> : null}
        {a.kind === "start_playbook" ? <PlaybookFields form={form} at={at} /> : null}
      </Stack>
    </Paper>
  );
}
