import { Badge, Group, Stack, Text, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconArrowsExchange, IconPencil } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { utcToday } from "../../../common/dates.ts";
import { formatMoney } from "../../../common/money.ts";
import { HEALTH_BANDS, type HealthBand, type Renewal } from "../../../contract/index.ts";
import { formatDate, formatDecimal, formatPercent, relativeDays } from "../../lib/format.ts";
import { useArrayPage } from "../../ui/arrayPage.ts";
import { CursorPager } from "../../ui/CursorPager.tsx";
import { type AnyColumns, actionsColumn, columnHelper, DataTable } from "../../ui/DataTable.tsx";
import { DownloadCsvButton } from "../../ui/ExportCsvButton.tsx";
import { RowAction } from "../../ui/RowAction.tsx";
import { Section } from "../../ui/Section.tsx";
import { AccountLink } from "../accounts/cells.tsx";
import { BandBadge } from "../health/HealthBadge.tsx";
import {
  CALL_COLORS,
  CALL_LABELS,
  DEFAULT_SORT,
  noticeState,
  OUTCOME_COLORS,
  OUTCOME_LABELS,
  pipelineCsvRows,
  reasonLabel,
  STAGE_LABELS,
  sortRenewals,
} from "./renewalsView.ts";

const route = getRouteApi("/_app/renewals");
const col = columnHelper<Renewal>();

const dimmed = (text: string) => (
  <Text span size="sm" c="dimmed">
    {text}
  </Text>
);

/** The notice date, flagged when it has passed or comes within two weeks (the flag names it too). */
function NoticeCell({ r, today }: { r: Renewal; today: string }) {
  const n = noticeState(r, today);
  return (
    <Stack gap={0}>
      <Tooltip
        label={
          r.noticeDateSet ? "Set on this renewal" : "The workspace's notice period before the renewal date"
        }
        withArrow
        openDelay={300}
      >
        <Text span size="sm" c={r.noticeDateSet ? undefined : "dimmed"}>
          {formatDate(r.noticeDate)}
        </Text>
      </Tooltip>
      {n ? (
        <Badge
          size="xs"
          variant="light"
          color={n.state === "passed" ? "red" : "orange"}
          leftSection={<IconAlertTriangle size={10} />}
          data-testid="notice-flag"
        >
          {n.state === "passed" ? "Notice passed" : n.days === 0 ? "Notice today" : `Notice in ${n.days} d`}
        </Badge>
      ) : null}
    </Stack>
  );
}

/** The model's category with its probability. */
function ForecastCell({ r }: { r: Renewal }) {
  if (!r.forecast) return dimmed("No probability");
  return (
    <Group gap={6} wrap="nowrap">
      <Badge size="sm" variant="light" color={CALL_COLORS[r.forecast]}>
        {CALL_LABELS[r.forecast]}
      </Badge>
      <Text span size="sm" className="steward-num">
        {formatPercent(r.renewalProbability)}
      </Text>
    </Group>
  );
}

/** The CSM's call; where it differs from the model's category, outlined with an icon saying so. */
function CallCell({ r }: { r: Renewal }) {
  if (!r.csmCall) return dimmed("No call");
  const badge = (
    <Badge
      size="sm"
      variant={r.callDiffers ? "outline" : "light"}
      color={CALL_COLORS[r.csmCall]}
      leftSection={
        r.callDiffers ? <IconArrowsExchange size={11} aria-label="Differs from the model" /> : null
      }
      data-testid={r.callDiffers ? "call-differs" : undefined}
    >
      {CALL_LABELS[r.csmCall]}
    </Badge>
  );
  return r.callDiffers && r.forecast ? (
    <Tooltip label={`Differs from the model's ${CALL_LABELS[r.forecast].toLowerCase()}`} withArrow>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}

function OutcomeCell({ r }: { r: Renewal }) {
  if (!r.outcome) return dimmed("Open");
  return (
    <Stack gap={0}>
      <Badge size="sm" variant="light" color={OUTCOME_COLORS[r.outcome]}>
        {OUTCOME_LABELS[r.outcome]}
      </Badge>
      {r.reasonCode ? (
        <Text span size="xs" c="dimmed">
          {reasonLabel(r.reasonCode)}
        </Text>
      ) : null}
    </Stack>
  );
}

const isBand = (b: string | null): b is HealthBand => (HEALTH_BANDS as readonly string[]).includes(b ?? "");

const columns = (today: string, onWork?: (r: Renewal) => void): AnyColumns<Renewal> => [
  col.display({
    id: "account",
    header: "Account",
    meta: { sortKey: "account" },
    cell: (i) => <AccountLink account={{ id: i.row.original.accountId, name: i.row.original.accountName }} />,
  }),
  col.display({
    id: "product",
    header: "Product",
    meta: { sortKey: "product" },
    cell: (i) => (
      <Text span size="sm">
        {i.row.original.product}
        {i.row.original.plan ? dimmed(` · ${i.row.original.plan}`) : null}
      </Text>
    ),
  }),
  col.display({
    id: "due",
    header: "Renewal",
    meta: { sortKey: "due" },
    cell: (i) => (
      <Stack gap={0}>
        <Text span size="sm">
          {formatDate(i.row.original.dueDate)}
        </Text>
        <Text span size="xs" c="dimmed">
          {relativeDays(i.row.original.dueDate)}
        </Text>
      </Stack>
    ),
  }),
  col.display({
    id: "notice",
    header: "Notice",
    meta: { sortKey: "notice" },
    cell: (i) => <NoticeCell r={i.row.original} today={today} />,
  }),
  col.display({
    id: "arr",
    header: "ARR",
    meta: { sortKey: "arr", numeric: true },
    cell: (i) => formatMoney(i.row.original.arrMinor, i.row.original.currency),
  }),
  col.display({
    id: "health",
    header: "Health",
    meta: { sortKey: "health", numeric: true },
    cell: (i) => {
      const r = i.row.original;
      if (r.healthScore === null) return dimmed("—");
      return (
        <Group gap={6} wrap="nowrap" justify="flex-end">
          {isBand(r.healthBand) ? <BandBadge band={r.healthBand} size="xs" /> : null}
          <span>{Math.round(r.healthScore)}</span>
        </Group>
      );
    },
  }),
  col.display({
    id: "churn",
    header: "Churn",
    meta: { sortKey: "churn", numeric: true },
    cell: (i) => formatPercent(i.row.original.churnProbability),
  }),
  col.display({
    id: "success",
    header: "Success",
    meta: { sortKey: "success", numeric: true },
    cell: (i) => formatDecimal(i.row.original.successIndex, 0),
  }),
  col.display({
    id: "owner",
    header: "Owner",
    meta: { sortKey: "owner" },
    cell: (i) => i.row.original.owner?.name ?? dimmed("No owner"),
  }),
  col.display({
    id: "stage",
    header: "Stage",
    meta: { sortKey: "stage" },
    cell: (i) => STAGE_LABELS[i.row.original.stage],
  }),
  col.display({
    id: "forecast",
    header: "Forecast",
    meta: { sortKey: "probability" },
    cell: (i) => <ForecastCell r={i.row.original} />,
  }),
  col.display({
    id: "call",
    header: "CSM call",
    meta: { sortKey: "call" },
    cell: (i) => <CallCell r={i.row.original} />,
  }),
  col.display({
    id: "outcome",
    header: "Outcome",
    meta: { sortKey: "outcome" },
    cell: (i) => <OutcomeCell r={i.row.original} />,
  }),
  ...actionsColumn<Renewal>(
    (r) => (
      <RowAction
        tooltip="Work on this renewal"
        label={`Work on the renewal of ${r.accountName}`}
        icon={<IconPencil size={16} />}
        onClick={() => onWork?.(r)}
      />
    ),
    Boolean(onWork),
  ),
];

/**
 * Every renewal of the view, sortable by any column and paged in the browser (the window comes
 * whole), with a CSV of all the rows in the order shown. Those who may write open a renewal from its row.
 */
export function PipelineTable({
  rows,
  from,
  to,
  fetching,
  onWork,
}: {
  rows: Renewal[];
  from: string;
  to: string;
  fetching: boolean;
  onWork?: (r: Renewal) => void;
}) {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const sort = search.sort ?? DEFAULT_SORT;
  const sorted = sortRenewals(rows, sort);
  const page = useArrayPage(sorted, 50);
  return (
    <Section
      title="Pipeline"
      count={rows.length}
      description="Health, churn probability and success index are each account's latest"
      padding={0}
      testId="renewals-pipeline"
      actions={
        <DownloadCsvButton filename={`renewals-${from}-to-${to}.csv`} rows={() => pipelineCsvRows(sorted)} />
      }
    >
      <DataTable
        label="Renewals"
        columns={columns(utcToday(), onWork)}
        data={page.rows}
        fetching={fetching}
        sort={sort}
        onSort={(next) => {
          page.restart();
          navigate({
            search: (prev) => ({ ...prev, sort: next === DEFAULT_SORT ? undefined : next }),
            replace: true,
          });
        }}
        onRowClick={onWork}
        rowKey={(r) => `${r.subscriptionId}:${r.dueDate}`}
        minWidth={1500}
      />
      {page.pager ? <CursorPager {...page.pager} /> : null}
    </Section>
  );
}
