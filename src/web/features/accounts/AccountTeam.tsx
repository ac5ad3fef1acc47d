import { Avatar, Button, Group, Loader, Menu, Select, Stack, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconCheck, IconChevronDown, IconPlus, IconX } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { type Account, routes, TEAM_ROLES, type TeamMember } from "../../../contract/index.ts";
import { api, errorMessage } from "../../api.ts";
import { FUNCTION_LABELS, label, options, TEAM_ROLE_LABELS } from "../../lib/labels.ts";
import { apiQuery, invalidate } from "../../lib/query.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { FormModal } from "../../ui/FormModal.tsx";
import { serverFieldErrors, useEditTarget } from "../../ui/form.ts";
import { MemberPicker } from "../../ui/pickers.tsx";
import { RowAction } from "../../ui/RowAction.tsx";
import { Section } from "../../ui/Section.tsx";

export function AccountTeam({ account, canWrite }: { account: Account; canWrite: boolean }) {
  const team = useQuery(
    apiQuery(routes.listTeam, { params: { accountId: account.id }, query: { limit: 200 } }),
  );
  const [adding, add] = useDisclosure(false);
  const removing = useEditTarget<TeamMember>();
  const qc = useQueryClient();

  const remove = useMutation({
    mutationFn: (m: TeamMember) =>
      api(routes.removeTeamMember, { params: { accountId: account.id, memberId: m.id } }),
    onSuccess: async () => {
      await invalidate(qc, routes.listTeam.path, routes.listTimeline.path);
      notifications.show({ message: "Removed from the account team" });
      removing.close();
    },
  });

  const changeRole = useMutation({
    mutationFn: ({ member, teamRole }: { member: TeamMember; teamRole: TeamMember["teamRole"] }) =>
      api(routes.updateTeamMember, {
        params: { accountId: account.id, memberId: member.id },
        body: { teamRole },
      }),
    onSuccess: async (m) => {
      await invalidate(qc, routes.listTeam.path);
      notifications.show({ message: `${m.userName} is now ${label(TEAM_ROLE_LABELS, m.teamRole)}` });
    },
    // A 409 says the person already holds that role here: the server's sentence says so.
    onError: (e) =>
      notifications.show({ color: "red", title: "The role was not changed", message: errorMessage(e) }),
  });

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
                        onChange={(teamRole) => changeRole.mutate({ member: m, teamRole })}
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
        onConfirm={() => removing.target && remove.mutate(removing.target)}
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
  const [userId, setUserId] = useState<string | null>(null);
  const [teamRole, setTeamRole] = useState<string | null>("csm");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      api(routes.addTeamMember, {
        params: { accountId },
        body: { userId: userId ?? "", teamRole: (teamRole ?? "csm") as TeamMember["teamRole"] },
      }),
    onSuccess: async (m) => {
      await invalidate(qc, routes.listTeam.path, routes.listTimeline.path);
      notifications.show({
        color: "green",
        message: `${m.userName} added as ${label(TEAM_ROLE_LABELS, m.teamRole)}`,
      });
      setUserId(null);
      onClose();
    },
    onError: (e) => setErrors(serverFieldErrors(e)),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!userId) {
      setErrors({ userId: "pick a member" });
      return;
    }
    save.mutate();
  };
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Add to the account team"
      onSubmit={onSubmit}
      save={save}
      submitLabel="Add"
    >
      <MemberPicker
        label="Member"
        required
        data-autofocus
        value={userId}
        onChange={(v) => {
          setUserId(v);
          setErrors({});
        }}
        exclude={exclude}
        error={errors.userId}
      />
      <Select
        label="Role on this account"
        data={options(TEAM_ROLES, TEAM_ROLE_LABELS)}
        value={teamRole}
        allowDeselect={false}
        onChange={setTeamRole}
        error={errors.teamRole}
      />
    </FormModal>
  );
}
