import { Badge, Breadcrumbs, Button, Table, Tabs, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconArchive, IconArrowBackUp, IconListDetails, IconScale } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import type { Playbook } from "../../../contract/index.ts";
import { errorMessage } from "../../api.ts";
import { useSession } from "../../lib/session.ts";
import { DeleteRecordDialog } from "../../ui/DeleteRecordDialog.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { RecordActions } from "../../ui/RecordActions.tsx";
import { RecordPage } from "../../ui/RecordPage.tsx";
import { Section } from "../../ui/Section.tsx";
import { TYPE_LABELS } from "../inbox/labels.ts";
import { PriorityBadge } from "../inbox/TaskCells.tsx";
import { OWNER_ROLE_LABELS } from "./labels.ts";
import { PlaybookEditor } from "./PlaybookEditor.tsx";
import { ReportTab } from "./ReportTab.tsx";
import { RunsTab } from "./RunsTab.tsx";
import { playbookQuery, usePlaybookMutations } from "./use-playbooks.ts";

const route = getRouteApi("/_app/playbooks/$id");

const dayText = (n: number) => (n === 0 ? "On the start day" : `Day ${n}`);

/** The steps in order: what, when after the start, whose, how urgent. */
function Steps({ playbook: p }: { playbook: Playbook }) {
  return (
    <Section title="Steps" count={p.steps.length} padding={0} testId="playbook-steps">
      <Table verticalSpacing="xs" fz="sm" aria-label="Steps">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40} pl="md">
              #
            </Table.Th>
            <Table.Th>Step</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Priority</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are in order and have no id
            <Table.Tr key={i}>
              <Table.Td pl="md">{i + 1}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {s.title}
                </Text>
                {s.description ? (
                  <Text size="xs" c="dimmed">
                    {s.description}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{dayText(s.dueInDays)}</Table.Td>
              <Table.Td>{OWNER_ROLE_LABELS[s.ownerRole]}</Table.Td>
              <Table.Td>
                <PriorityBadge priority={s.priority} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

function PlaybookView({ playbook: p }: { playbook: Playbook }) {
  const session = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [deleting, del] = useDisclosure(false);
  const { update, remove } = usePlaybookMutations();
  const archive = (archived: boolean) =>
    update.mutate(
      { id: p.id, body: { archived } },
      {
        onSuccess: (r) =>
          notifications.show({
            message: archived
              ? `“${r.name}” archived: its runs and report stay, and no one can start it`
              : `“${r.name}” can be started again`,
          }),
        onError: (e) =>
          notifications.show({
            color: "red",
            message: `Not ${archived ? "archived" : "restored"}: ${errorMessage(e)}`,
          }),
      },
    );
  return (
    <>
      <PageHeader
        above={
          <Breadcrumbs separator="›">
            <AnchorLink to="/playbooks" size="sm" c="dimmed">
              Playbooks
            </AnchorLink>
            <Text size="sm" c="dimmed">
              {p.name}
            </Text>
          </Breadcrumbs>
        }
        title={p.name}
        badges={
          <>
            <Badge variant="light" color="gray">
              {TYPE_LABELS[p.type]} tasks
            </Badge>
            {p.archived ? (
              <Badge variant="outline" color="gray">
                Archived
              </Badge>
            ) : null}
            {p.key ? (
              <Badge variant="outline" color="blue">
                Steward default
              </Badge>
            ) : null}
          </>
        }
        description={p.description ?? undefined}
        actions={
          session.isAdmin ? (
            <>
              <Button
                variant="default"
                leftSection={p.archived ? <IconArrowBackUp size={16} /> : <IconArchive size={16} />}
                loading={update.isPending}
                onClick={() => archive(!p.archived)}
              >
                {p.archived ? "Unarchive" : "Archive"}
              </Button>
              <RecordActions
                onEdit={() => navigate({ search: { edit: true } })}
                onDelete={() => {
                  remove.reset();
                  del.open();
                }}
                deleteLabel="Delete playbook"
              />
            </>
          ) : null
        }
      />
      <Steps playbook={p} />
      <Tabs
        mt="md"
        value={search.tab ?? "runs"}
        onChange={(t) => navigate({ search: { tab: t === "report" ? "report" : undefined }, replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="runs" leftSection={<IconListDetails size={16} />}>
            Runs
          </Tabs.Tab>
          <Tabs.Tab value="report" leftSection={<IconScale size={16} />}>
            Report
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="runs">
          <RunsTab
            playbook={p}
            runId={search.run}
            onRun={(run) => navigate({ search: { run }, replace: true })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="report">
          <ReportTab playbook={p} />
        </Tabs.Panel>
      </Tabs>
      <DeleteRecordDialog
        opened={deleting}
        onClose={del.close}
        record={p}
        noun="playbook"
        message="The playbook is deleted. A playbook that has run is archived instead, so its runs and report stay; one a rule starts cannot be deleted until the rule no longer starts it."
        remove={remove}
        onDeleted={() => void navigate({ to: "/playbooks", search: {} })}
      />
    </>
  );
}

/** One playbook: its steps, runs and report, or its editor (`?edit=true`, for admins). */
export function PlaybookPage() {
  const { id } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  return (
    <RecordPage
      query={useQuery(playbookQuery(id))}
      list="/playbooks"
      listLabel="Playbooks"
      loadErrorTitle="This playbook could not be loaded"
      edit={Boolean(search.edit) && session.isAdmin}
      leave={() => void navigate({ search: {}, replace: true })}
      editor={(p, leave) => (
        <PlaybookEditor
          playbook={p}
          onSaved={(r) => {
            notifications.show({ message: `“${r.name}” saved` });
            leave();
          }}
          onCancel={leave}
        />
      )}
      view={(p) => <PlaybookView playbook={p} />}
    />
  );
}
