import { Autocomplete, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type Member, type MemberUpdate, ZMemberUpdate } from "../../../contract/index.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import {
  blankToNull,
  type FieldLabels,
  restart,
  showServerErrors,
  useContractForm,
  useOnOpen,
} from "../../ui/form.ts";
import { MemberPicker } from "../../ui/pickers.tsx";
import { changedFields } from "../plans/plan.rules.ts";
import { useMemberMutations } from "./use-member-mutations.ts";

/** The manager picker's value for "nobody": their overdue items then escalate to the admins. */
const NONE = "none";
const LEADING = [{ value: NONE, label: "No manager" }];

type Values = { title: string; managerId: string | null; team: string };

const LABELS: FieldLabels = { title: "Job title", managerId: "Manager", team: "Team" };

const valuesOf = (m: Member | undefined): Values => ({
  title: m?.title ?? "",
  managerId: m?.managerId ?? NONE,
  team: m?.team ?? "",
});

/**
 * An admin sets a member's job title, manager and team. The manager is whom their overdue inbox
 * items escalate to; the team decides whose items the inbox's Team tab shows. Role and function
 * change in the list itself.
 */
export function EditMemberModal({
  member,
  teams,
  opened,
  onClose,
}: {
  member: Member | undefined;
  /** The workspace's teams so far, offered while typing so one team is not spelled two ways. */
  teams: string[];
  opened: boolean;
  onClose: () => void;
}) {
  const { update } = useMemberMutations();
  const form = useContractForm<Values, MemberUpdate>({
    initialValues: valuesOf(member),
    labels: LABELS,
    schema: ZMemberUpdate,
    // Only what the admin changed is sent, so a field changed meanwhile elsewhere is not overwritten.
    toBody: (v) =>
      member
        ? changedFields<MemberUpdate>(
            { title: member.title, managerId: member.managerId, team: member.team },
            {
              title: blankToNull(v.title),
              managerId: v.managerId === NONE ? null : v.managerId,
              team: blankToNull(v.team),
            },
          )
        : {},
    check: (v): Record<string, string> => (v.managerId ? {} : { managerId: "Pick a manager, or No manager" }),
  });
  useOnOpen(opened, () => {
    restart(form, valuesOf(member));
    update.reset();
  });

  const onSubmit = form.onSubmit((body) =>
    member
      ? update.mutate(
          { id: member.userId, body },
          {
            onSuccess: (m) => {
              notifications.show({ color: "green", message: `${m.name} saved` });
              onClose();
            },
            onError: showServerErrors(form, LABELS),
          },
        )
      : undefined,
  );

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`Edit ${member?.name ?? "member"}`}
      onSubmit={onSubmit}
      save={update}
      errors={form.errors}
      submitLabel="Save"
    >
      <Text size="sm" c="dimmed">
        {member?.email}
      </Text>
      <TextInput label="Job title" data-autofocus {...form.getInputProps("title")} />
      <MemberPicker
        label="Manager"
        description="Their overdue inbox items escalate to this person; with no manager, to the admins"
        leading={LEADING}
        exclude={member ? [member.userId] : undefined}
        clearable={false}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        {...form.getInputProps("managerId")}
      />
      <Autocomplete
        label="Team"
        description="The inbox's Team tab shows the items of everyone on the same team"
        placeholder="e.g. EMEA"
        data={teams}
        comboboxProps={{ withinPortal: true }}
        {...form.getInputProps("team")}
      />
    </FormModal>
  );
}
