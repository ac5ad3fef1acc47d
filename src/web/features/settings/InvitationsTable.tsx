import { Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconX } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type Invitation, routes } from "../../../contract/index.ts";
import { api, errorMessage } from "../../api.ts";
import { formatDate } from "../../lib/format.ts";
import { FUNCTION_LABELS, label, ROLE_LABELS } from "../../lib/labels.ts";
import { apiQuery, invalidate } from "../../lib/query.ts";
import { RowAction } from "../../ui/RowAction.tsx";

/** Admins only: invitations not yet accepted or declined, each of which can be withdrawn. */
export function InvitationsTable() {
  const qc = useQueryClient();
  const invitations = useQuery(apiQuery(routes.listInvitations, { query: { limit: 200 } }));
  const cancel = useMutation({
    mutationFn: (i: Invitation) => api(routes.cancelInvitation, { params: { id: i.id } }),
    onSuccess: async (_, i) => {
      await invalidate(qc, routes.listInvitations.path);
      notifications.show({ message: `The invitation to ${i.email} is withdrawn` });
    },
    onError: (e) =>
      notifications.show({
        color: "red",
        title: "The invitation was not withdrawn",
        message: errorMessage(e),
      }),
  });
  const rows = invitations.data?.data ?? [];
  if (rows.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={5}>Pending invitations</Title>
      <Text size="sm" c="dimmed">
        They become members when they accept after signing in. Invitations without a password wait for people
        who already have a Steward login (emailed invitations come later).
      </Text>
      <Table aria-label="Pending invitations" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Function</Table.Th>
            <Table.Th>Invited</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {i.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {i.email}
                </Text>
              </Table.Td>
              <Table.Td>{label(ROLE_LABELS, i.role)}</Table.Td>
              <Table.Td>{label(FUNCTION_LABELS, i.function)}</Table.Td>
              <Table.Td>{formatDate(i.createdAt)}</Table.Td>
              <Table.Td>
                <RowAction
                  tooltip="Withdraw the invitation"
                  label={`Withdraw the invitation to ${i.email}`}
                  icon={<IconX size={16} />}
                  onClick={() => cancel.mutate(i)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
