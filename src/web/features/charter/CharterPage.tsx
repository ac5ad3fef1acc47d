import { Alert, Button, Group, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconFlag, IconPencil } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { routes } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { CharterEditor } from "./CharterEditor.tsx";
import { CharterHistory } from "./CharterHistory.tsx";
import { approvalLine, CharterText } from "./CharterText.tsx";
import { whoToAsk } from "./charterDraft.ts";
import { useCharter } from "./use-charter.ts";

/** Who can write the charter, named for a member who finds none yet. */
function AskAnAdmin() {
  const admins = useQuery(
    apiQuery(routes.listMembers, { query: { role: "owner,admin", limit: 10, sort: "name" } }),
  );
  const names = admins.data?.data.map((m) => m.name) ?? [];
  return (
    <Text size="sm" c="dimmed">
      {names.length > 0
        ? `The charter is written and approved by the workspace's owners and admins: ask ${whoToAsk(names)}.`
        : "The charter is written and approved by the workspace's owners and admins: ask one of them."}
    </Text>
  );
}

/** No charter yet: what it is, and who writes it (the admin starts here). */
function EmptyCharter({ isAdmin, onWrite }: { isAdmin: boolean; onWrite: () => void }) {
  return (
    <Paper withBorder radius="md" p="xl">
      <Stack gap="sm" align="flex-start" maw={640}>
        <Title order={3}>No charter yet</Title>
        <Text size="sm">
          A charter says why the customer success team exists and what it commits to: a vision, a mission, and
          objectives along the chain from adoption to performance and value outcomes, transformation, ROI and
          advocacy. Once approved, every member sees it here.
        </Text>
        {isAdmin ? (
          <Button leftSection={<IconPencil size={16} />} onClick={onWrite}>
            Write the charter
          </Button>
        ) : (
          <AskAnAdmin />
        )}
      </Stack>
    </Paper>
  );
}

/**
 * The customer-success charter (docs/charter.md): the current version for every member, the
 * versions before it, and for owners and admins the draft of the next one.
 */
export function CharterPage() {
  const session = useSession();
  const charter = useCharter();
  const [writing, setWriting] = useState(false);
  const data = charter.data;
  const editing = session.isAdmin && data && (writing || data.draft !== null);

  return (
    <>
      <PageHeader
        title="Charter"
        description="Vision, mission and objectives of customer success, along the chain from adoption to advocacy"
        actions={
          session.isAdmin && data?.current && !editing ? (
            <Button leftSection={<IconPencil size={16} />} onClick={() => setWriting(true)}>
              Start version {data.current.version + 1}
            </Button>
          ) : null
        }
      />
      {charter.isError ? (
        <ErrorAlert
          error={charter.error}
          title="The charter could not be loaded"
          onRetry={() => charter.refetch()}
        />
      ) : !data ? (
        <Skeleton h={420} />
      ) : (
        <Stack gap="md">
          {editing ? (
            <CharterEditor draft={data.draft} current={data.current} onClose={() => setWriting(false)} />
          ) : null}
          {data.current ? (
            <Paper withBorder radius="md" p="lg" data-testid="charter-current">
              <Stack gap="md">
                <Group gap="xs">
                  <IconFlag size={18} />
                  <Text size="sm" c="dimmed">
                    {approvalLine(data.current)}
                  </Text>
                </Group>
                <CharterText version={data.current} />
              </Stack>
            </Paper>
          ) : editing ? (
            <Alert variant="light" color="blue">
              No version is approved yet: the charter is shown to every member once its first version is
              approved.
            </Alert>
          ) : (
            <EmptyCharter isAdmin={session.isAdmin} onWrite={() => setWriting(true)} />
          )}
          {data.history.length > 0 ? <CharterHistory history={data.history} /> : null}
        </Stack>
      )}
    </>
  );
}
