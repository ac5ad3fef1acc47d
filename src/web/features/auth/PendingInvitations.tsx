import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconMailOpened } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type MyInvitation, routes } from "../../../contract/index.ts";
import { api, errorMessage } from "../../api.ts";
import { FUNCTION_LABELS, label, ROLE_LABELS } from "../../lib/labels.ts";
import { apiQuery, invalidate } from "../../lib/query.ts";
import { useSetSession } from "../../lib/session.ts";

/** Invitations to other workspaces waiting for the signed-in person, each to accept or decline. */
export function PendingInvitations() {
  const qc = useQueryClient();
  const setSession = useSetSession();
  const invitations = useQuery(apiQuery(routes.myInvitations, {}));
  const refresh = () => invalidate(qc, routes.myInvitations.path);
  const fail = (e: unknown) =>
    notifications.show({ color: "red", title: "The invitation was not answered", message: errorMessage(e) });
  const accept = useMutation({
    mutationFn: (i: MyInvitation) => api(routes.acceptInvitation, { params: { id: i.id } }),
    onSuccess: async (session, i) => {
      setSession(session);
      await refresh();
      notifications.show({
        color: "green",
        message: `You joined ${i.workspace.name}: switch to it from the user menu`,
      });
    },
    onError: fail,
  });
  const decline = useMutation({
    mutationFn: (i: MyInvitation) => api(routes.declineInvitation, { params: { id: i.id } }),
    onSuccess: refresh,
    onError: fail,
  });
  const list = invitations.data?.data ?? [];
  if (list.length === 0) return null;
  const busy = accept.isPending || decline.isPending;
  return (
    <Stack gap="xs" mb="md" aria-label="Invitations">
      {list.map((i) => (
        <Alert key={i.id} color="steward" variant="light" icon={<IconMailOpened size={18} />}>
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Text size="sm">
              You are invited to join <b>{i.workspace.name}</b> as {label(ROLE_LABELS, i.role)} (
              {label(FUNCTION_LABELS, i.function)}
              {i.title ? `, ${i.title}` : ""}).
            </Text>
            <Group gap="xs">
              <Button size="xs" variant="default" disabled={busy} onClick={() => decline.mutate(i)}>
                Decline
              </Button>
              <Button
                size="xs"
                loading={accept.isPending && accept.variables?.id === i.id}
                disabled={busy}
                onClick={() => accept.mutate(i)}
              >
                Accept
              </Button>
            </Group>
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}
