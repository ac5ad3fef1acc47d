import { Alert, Button, EmptyState, Stack, Text, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconInfoCircle, IconMessageQuestion, IconPlus } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { routes, type Survey } from "../../../contract/index.ts";
import { formatDate, formatNumber, formatPercent } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { ListTable, pagerFor, usePaging } from "../../ui/ListTable.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { DeliveryCell } from "./DeliveryCell.tsx";
import { formatScore, KIND_LABELS, SCORE_HINTS } from "./labels.ts";
import { NewSurveyModal } from "./NewSurveyModal.tsx";

const col = columnHelper<Survey>();

const columns: AnyColumns<Survey> = [
  col.accessor("name", {
    header: "Survey",
    cell: (i) => (
      <AnchorLink to="/surveys/$id" params={{ id: i.row.original.id }} size="sm" fw={500}>
        {i.getValue()}
      </AnchorLink>
    ),
  }),
  col.accessor("kind", { header: "Kind", cell: (i) => KIND_LABELS[i.row.original.kind] }),
  col.accessor("createdAt", { header: "Sent", cell: (i) => formatDate(i.getValue()) }),
  col.accessor("recipients", {
    header: "Recipients",
    meta: { numeric: true },
    cell: (i) => formatNumber(i.getValue()),
  }),
  col.accessor("responseRate", {
    header: "Response rate",
    meta: { numeric: true },
    cell: (i) => (
      <Tooltip label={`${i.row.original.answered} of ${i.row.original.recipients} answered`} withArrow>
        <span>{formatPercent(i.getValue())}</span>
      </Tooltip>
    ),
  }),
  col.accessor("score", {
    header: "Score",
    meta: { numeric: true },
    cell: (i) => (
      <Tooltip label={SCORE_HINTS[i.row.original.kind]} withArrow>
        <span>
          {i.getValue() === null ? "No answers yet" : formatScore(i.row.original.kind, i.getValue())}
        </span>
      </Tooltip>
    ),
  }),
  col.accessor("delivery", { header: "Delivery", cell: (i) => <DeliveryCell delivery={i.getValue()} /> }),
];

/** The surveys sent by email, newest first, and the way to send a new one. */
export function SurveysPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [creating, create] = useDisclosure(false);
  const paging = usePaging();
  const list = useQuery({
    ...apiQuery(routes.listSurveys, { query: { limit: paging.limit, cursor: paging.cursor } }),
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.data;
  const held = rows?.some((s) => s.delivery.held > 0);

  return (
    <>
      <PageHeader
        title="Surveys"
        description="NPS, CSAT, CES and experience surveys sent to key players by email, with their results."
        actions={
          session.canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
              New survey
            </Button>
          ) : null
        }
      />
      <Stack gap="md">
        {held ? (
          <Alert variant="light" color="yellow" icon={<IconInfoCircle size={18} />}>
            Some invitations are <strong>held in the outbox</strong>: no SMTP server is configured, so Steward
            keeps them for an admin to read in Settings → Outbox. Setting <code>STEWARD_SMTP_URL</code> sends
            them.
          </Alert>
        ) : null}
        <ListTable
          query={list}
          errorTitle="Surveys could not be loaded"
          label="Surveys"
          columns={columns}
          data={rows}
          loading={list.isLoading}
          fetching={list.isPlaceholderData}
          rowKey={(s) => s.id}
          onRowClick={(s) => navigate({ to: "/surveys/$id", params: { id: s.id } })}
          minWidth={960}
          empty={
            <EmptyState
              icon={<IconMessageQuestion size={26} />}
              withIndicatorBackground
              title="No surveys sent yet"
              description={
                session.canWrite
                  ? "Ask key players how likely they are to recommend you (NPS), how satisfied they are (CSAT) or how easy you are to work with (CES)."
                  : "Members who can write send surveys from here."
              }
            >
              {session.canWrite ? (
                <EmptyState.Actions>
                  <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
                    New survey
                  </Button>
                </EmptyState.Actions>
              ) : null}
            </EmptyState>
          }
          pager={pagerFor(list.data, paging)}
        />
        <Text size="xs" c="dimmed">
          Answers collected elsewhere can be imported from a CSV file (Import → Survey answers).
        </Text>
      </Stack>
      <NewSurveyModal opened={creating} onClose={create.close} />
    </>
  );
}
