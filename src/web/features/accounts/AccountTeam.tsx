import { Avatar, Button, Group, Loader, Menu, Select, Stack, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconCheck, IconChevronDown, IconPlus, IconX } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { type Account, routes, TEAM_ROLES, type TeamMember } from "../../../contract/index.ts";
import { errorMessage } from "../../api.ts";
import { FUNCTION_LABELS, label, options, TEAM_ROLE_LABELS } from "../../lib/labels.ts";
import { apiQuery } from "../../lib/query.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { FormModal } from "../../ui/FormModal.tsx";
import {
  type FieldLabels,
  restart,
  showServerErrors,
  useContractForm,
  useEditTarget,
  useOnOpen,
} from "../../ui/form.ts";
import { MemberPicker } from "../../ui/pickers.tsx";
import { RowAction } from "../../ui/RowAction.tsx";
import { Section } from "../../ui/Section.tsx";
import { type TeamMemberBody, useTeamMutations } from "./use-team-mutations.ts";

export function AccountTeam({ account, canWrite }: { account: Account; canWrite: boolean }) {
  const team = useQuery(
    apiQuery(routes.listTeam, { params: { accountId: account.id }, query: { limit: 200 } }),
  );
  const [adding, add] = useDisclosure(false);
  const removing = useEditTarget<TeamMember>();
  const { remove, changeRole } = useTeamMutations(account.id);
  const removeMember = (m: TeamMember) =>
    remove.mutate(m, {
      onSuccess: () => {
        notifications.show({ message: "Removed from the account team" });
        removing.close();
      },
    });
  const setRole = (member: TeamMember, teamRole: TeamMember["teamRole"]) =>
    changeRole.mutate(
      { member, teamRole },
      {
        onSuccess: (m) =>
          notifications.show({ message: `${m.userName} is now ${label(TEAM_ROLE_LABELS, m.teamRole)}` }),
        // A 409 says the person already holds that role here: the server's sentence says so.
        onError: (e) =>
          notifications.show({ color: "red", title: "The role was not changed", message: errorMessage(e) }),
      },
    );

  const members = team.data?.data ?? [];
  return (
    <Section
      title="Account team"
      count={team.data ? members.length : undefined}
      actions={
        canWrite ? (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={add.open}>
            Add
          </Button>
        ) : null
      }
    >
      {team.isError ? (
        <ErrorAlert error={team.error} title="The team could not be loaded" onRetry={() => team.refetch()} />
      ) : team.isLoading ? (
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      ) : members.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody is on this account's team yet.{" "}
          {canWrite
            ? "Add the CSM, account executive and executive sponsor so everyone knows who to ask."
            : ""}
        </Text>
      ) : (
        <Stack gap="sm">
          {members.map((m) => (
            <Group key={m.id} justify="space-between" wrap="nowrap">
              <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                <Avatar size={32} radius="xl" color="initials" name={m.userName} />
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} truncate>
                    {m.userName}
                  </Text>
                  {canWrite ? (
                    <Group gap={4} wrap="nowrap">
                      <TeamRoleMenu
                        member={m}
                        pending={changeRole.isPending && changeRole.variables?.member.id === m.id}
                        disabled={changeRole.isPending}
                        onChange={(teamRole) => setRole(m, teamRole)}
                      />
                      {m.function ? (
                        <Text size="xs" c="dimmed" truncate>
                          · {label(FUNCTION_LABELS, m.function)}
                        </Text>
                      ) : null}
                    </Group>
                  ) : (
                    <Text size="xs" c="dimmed" truncate>
                      {label(TEAM_ROLE_LABELS, m.teamRole)}
                      {m.function ? ` · ${label(FUNCTION_LABELS, m.function)}` : ""}
                    </Text>
                  )}
                </div>
              </Group>
              {canWrite ? (
                <RowAction
                  tooltip="Remove from team"
                  label={`Remove ${m.userName} from the team`}
                  icon={<IconX size={16} />}
                  onClick={() => {
                    remove.reset();
                    removing.open(m);
                  }}
                />
              ) : null}
            </Group>
          ))}
        </Stack>
      )}
      <AddTeamMemberModal
        opened={adding}
        onClose={add.close}
        accountId={account.id}
        exclude={members.map((m) => m.userId)}
      />
      <ConfirmDialog
        opened={removing.opened}
        onClose={removing.close}
        title="Remove from the account team?"
        message={`${removing.target?.userName ?? ""} will no longer be listed as ${label(TEAM_ROLE_LABELS, removing.target?.teamRole)} on ${account.name}.`}
        confirmLabel="Remove"
        onConfirm={() => removing.target && removeMember(removing.target)}
        loading={remove.isPending}
        error={remove.error}
      />
    </Section>
  );
}

/** The member's role on the account as a small button; the menu lists the roles to change to. */
function TeamRoleMenu({
  member,
  pending,
  disabled,
  onChange,
}: {
  member: TeamMember;
  pending: boolean;
  disabled: boolean;
  onChange: (teamRole: TeamMember["teamRole"]) => void;
}) {
  const current = label(TEAM_ROLE_LABELS, member.teamRole);
  return (
    <Menu position="bottom-start" shadow="md" width={220} disabled={disabled}>
      <Menu.Target>
        <UnstyledButton
          aria-label={`Change ${member.userName}'s role (now ${current})`}
          className="steward-inline-select"
          disabled={disabled}
        >
          <Group gap={2} wrap="nowrap">
            <Text size="xs" c="dimmed" span>
              {current}
            </Text>
            {pending ? (
              <Loader size={10} />
            ) : (
              <IconChevronDown size={12} color="var(--mantine-color-dimmed)" />
            )}
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Role on this account</Menu.Label>
        <Menu.RadioGroup value={member.teamRole} onChange={(v) => onChange(v as TeamMember["teamRole"])}>
          {TEAM_ROLES.map((r) => (
            <Menu.RadioItem
              key={r}
              value={r}
              closeMenuOnClick
              checkIcon={<IconCheck size={14} stroke={2.2} />}
            >
              {label(TEAM_ROLE_LABELS, r)}
            </Menu.RadioItem>
          ))}
        </Menu.RadioGroup>
      </Menu.Dropdown>
    </Menu>
  );
}

type TeamValues = { userId: string | null; teamRole: string };
const TEAM_LABELS: FieldLabels = { userId: "Member", teamRole: "Role on this account" };
const teamBody = (v: TeamValues): TeamMemberBody => ({
  userId: v.userId ?? "",
  teamRole: v.teamRole as TeamMember["teamRole"],
});

function AddTeamMemberModal({
  opened,
  onClose,
  accountId,
  exclude,
}: {
  opened: boolean;
  onClose: () => void;
  accountId: string;
  exclude: string[];
}) {
  const initialValues: TeamValues = { userId: null, teamRole: "csm" };
  const form = useContractForm({
    initialValues,
    labels: TEAM_LABELS,
    schema: routes.addTeamMember.body,
    toBody: teamBody,
    check: (v): Record<string, string> => (v.userId ? {} : { userId: "Pick a member" }),
  });
  const save = useTeamMutations(accountId).add;
  useOnOpen(opened, () => {
    restart(form, initialValues);
    save.reset();
  });
  const onSubmit = form.onSubmit((body) =>
    save.mutate(body, {
      onSuccess: (m) => {
        notifications.show({
          color: "green",
          message: `${m.userName} added as ${label(TEAM_ROLE_LABELS, m.teamRole)}`,
        });
        onClose();
      },
      onError: showServerErrors(form, TEAM_LABELS),
    }),
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Add to the account team"
      onSubmit={onSubmit}
      save={save}
      errors={form.errors}
      submitLabel="Add"
    >
      <MemberPicker
        label="Member"
        required
        data-autofocus
        exclude={exclude}
        {...form.getInputProps("userId")}
      />
      <Select
        label="Role on this account"
        data={options(TEAM_ROLES, TEAM_ROLE_LABELS)}
        allowDeselect={false}
        {...form.getInputProps("teamRole")}
      />
    </FormModal>
  );
}
