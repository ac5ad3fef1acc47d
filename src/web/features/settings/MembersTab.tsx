import { Badge, Button, Group, Select, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconKey, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { FUNCTIONS, ROLES } from "../../../common/roles.ts";
import { type Member, type MemberUpdate, routes } from "../../../contract/index.ts";
import { errorMessage } from "../../api.ts";
import { formatDate } from "../../lib/format.ts";
import { FUNCTION_LABELS, label, options, ROLE_LABELS } from "../../lib/labels.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { type AnyColumns, actionsColumn, columnHelper } from "../../ui/DataTable.tsx";
import { useEditTarget } from "../../ui/form.ts";
import { ListTable, pagerFor, usePaging } from "../../ui/ListTable.tsx";
import { RowAction } from "../../ui/RowAction.tsx";
import { AddMemberModal } from "./AddMemberModal.tsx";
import { EditMemberModal } from "./EditMemberModal.tsx";
import { InvitationsTable } from "./InvitationsTable.tsx";
import { ResetPasswordModal } from "./ResetPasswordModal.tsx";
import { useMemberMutations } from "./use-member-mutations.ts";

const col = columnHelper<Member>();

export function MembersTab() {
  const session = useSession();
  const paging = usePaging("name");
  const { cursor, limit, sort } = paging;
  const [adding, add] = useDisclosure(false);
  const removing = useEditTarget<Member>();
  const resetting = useEditTarget<Member>();
  const editing = useEditTarget<Member>();
  const members = useQuery({
    ...apiQuery(routes.listMembers, { query: { limit, cursor, sort: sort as "name" } }),
    placeholderData: keepPreviousData,
  });
  // Everyone (as the pickers read them), for managers' names on any page and the teams so far.
  const everyone = useQuery(apiQuery(routes.listMembers, { query: { limit: 200 } }));
  const names = useMemo(
    () => new Map((everyone.data?.data ?? []).map((m) => [m.userId, m.name])),
    [everyone.data],
  );
  const teams = useMemo(
    () =>
      [...new Set((everyone.data?.data ?? []).flatMap((m) => (m.team ? [m.team] : [])))].sort((a, b) =>
        a.localeCompare(b),
      ),
    [everyone.data],
  );

  const { update: updateMember, remove } = useMemberMutations();
  const changeMember = (vars: { id: string; body: MemberUpdate }) =>
    updateMember.mutate(vars, {
      onSuccess: (m) =>
        notifications.show({
          color: "green",
          message: `${m.name} is now ${label(ROLE_LABELS, m.role)}, ${label(FUNCTION_LABELS, m.function)}`,
        }),
      onError: (e) =>
        notifications.show({ color: "red", title: "The change was not saved", message: errorMessage(e) }),
    });
  const removeMember = (m: Member) =>
    remove.mutate(m, {
      onSuccess: () => {
        notifications.show({ message: "Member removed; their sessions have ended" });
        removing.close();
      },
    });

  const admin = session.isAdmin;
  const columns: AnyColumns<Member> = [
    col.accessor("name", {
      header: "Name",
      meta: { sortKey: "name" },
      cell: (i) => (
        <div>
          <Group gap={6}>
            <Text size="sm" fw={500}>
              {i.getValue()}
            </Text>
            {i.row.original.userId === session.user.id ? (
              <Badge size="xs" variant="outline">
                You
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            {i.row.original.email}
          </Text>
        </div>
      ),
    }),
    col.accessor("role", {
      header: "Role",
      cell: (i) =>
        admin && i.row.original.userId !== session.user.id ? (
          <Select
            size="xs"
            w={130}
            aria-label={`Role of ${i.row.original.name}`}
            data={options(ROLES, ROLE_LABELS)}
            value={i.getValue()}
            allowDeselect={false}
            onChange={(v) =>
              v && changeMember({ id: i.row.original.userId, body: { role: v as Member["role"] } })
            }
          />
        ) : (
          label(ROLE_LABELS, i.getValue())
        ),
    }),
    col.accessor("function", {
      header: "Function",
      cell: (i) =>
        admin ? (
          <Select
            size="xs"
            w={170}
            aria-label={`Function of ${i.row.original.name}`}
            data={options(FUNCTIONS, FUNCTION_LABELS)}
            value={i.getValue()}
            allowDeselect={false}
            onChange={(v) =>
              v && changeMember({ id: i.row.original.userId, body: { function: v as Member["function"] } })
            }
          />
        ) : (
          label(FUNCTION_LABELS, i.getValue())
        ),
    }),
    col.accessor("title", { header: "Title", cell: (i) => i.getValue() ?? <Text c="dimmed">—</Text> }),
    col.accessor("managerId", {
      header: "Manager",
      cell: (i) => {
        const id = i.getValue();
        return id ? (names.get(id) ?? "—") : <Text c="dimmed">No manager</Text>;
      },
    }),
    col.accessor("team", { header: "Team", cell: (i) => i.getValue() ?? <Text c="dimmed">—</Text> }),
    col.accessor("createdAt", {
      header: "Member since",
      meta: { sortKey: "joined" },
      cell: (i) => formatDate(i.getValue()),
    }),
    ...actionsColumn<Member>(
      (m) => (
        <Group gap={2} wrap="nowrap">
          <RowAction
            tooltip="Edit title, manager and team"
            label={`Edit ${m.name}`}
            icon={<IconPencil size={16} />}
            onClick={() => {
              editing.open(m);
            }}
          />
          {m.userId === session.user.id ? null : (
            <>
              {m.role === "owner" && session.role !== "owner" ? null : (
                <RowAction
                  tooltip="Reset password"
                  label={`Reset the password of ${m.name}`}
                  icon={<IconKey size={16} />}
                  onClick={() => resetting.open(m)}
                />
              )}
              <RowAction
                tooltip="Remove from workspace"
                label={`Remove ${m.name}`}
                icon={<IconTrash size={16} />}
                onClick={() => {
                  remove.reset();
                  removing.open(m);
                }}
              />
            </>
          )}
        </Group>
      ),
      admin,
    ),
  ];

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {admin
            ? "People who can sign in to this workspace. Roles decide what they may change; functions say which part of the company they work in."
            : "People who can sign in to this workspace. Only admins can invite or change members."}
        </Text>
        {admin ? (
          <Button leftSection={<IconPlus size={16} />} onClick={add.open}>
            Invite member
          </Button>
        ) : null}
      </Group>
      <ListTable
        query={members}
        errorTitle="Members could not be loaded"
        label="Members"
        columns={columns}
        data={members.data?.data}
        loading={members.isLoading}
        fetching={members.isPlaceholderData}
        rowKey={(m) => m.userId}
        sort={sort}
        onSort={paging.setSort}
        minWidth={980}
        pager={pagerFor(members.data, paging)}
      />
      {admin ? <InvitationsTable /> : null}
      <AddMemberModal opened={adding} onClose={add.close} />
      <ResetPasswordModal member={resetting.target} opened={resetting.opened} onClose={resetting.close} />
      <EditMemberModal
        member={editing.target}
        teams={teams}
        opened={editing.opened}
        onClose={editing.close}
      />
      <ConfirmDialog
        opened={removing.opened}
        onClose={removing.close}
        title={`Remove ${removing.target?.name ?? ""}?`}
        message="They lose access to this workspace at once and their sessions end. Their notes and history stay."
        confirmLabel="Remove member"
        onConfirm={() => removing.target && removeMember(removing.target)}
        loading={remove.isPending}
        error={remove.error}
      />
    </Stack>
  );
}
