import { Box, SegmentedControl, Text, Tooltip } from "@mantine/core";
import { formatMoney } from "../../../common/money.ts";
import type { Cohorts } from "../../../contract/index.ts";
import { formatNumber, formatRate } from "../../lib/format.ts";
import { type AnyColumns, columnHelper, DataTable } from "../../ui/DataTable.tsx";
import { Section } from "../../ui/Section.tsx";
import { cohortOffsets, monthLabel, retentionShade } from "./revenueView.ts";

type Cohort = Cohorts["cohorts"][number];
type Cell = Cohort["retention"][number];
export type CohortView = "revenue" | "logos";

const col = columnHelper<Cohort>();

/** Everything known of one cell, for its tooltip: who still pays and what they pay, against month 0. */
function cellDetails(c: Cohort, cell: Cell, currency: string | null): string {
  const logos = `${formatNumber(cell.logos)} of ${formatNumber(c.logos)} customers (${formatRate(cell.logoRate)})`;
  const revenue =
    cell.mrrMinor !== null && c.startMrrMinor !== null && currency
      ? `${formatMoney(cell.mrrMinor, currency)} of ${formatMoney(c.startMrrMinor, currency)} MRR (${formatRate(cell.revenueRate)})`
      : "Revenue cannot be added up across currencies";
  return `${monthLabel(c.month)} cohort, month ${cell.offset} (${monthLabel(cell.month)}): ${logos}; ${revenue}`;
}

function RetentionCell({
  c,
  cell,
  view,
  currency,
}: {
  c: Cohort;
  cell: Cell;
  view: CohortView;
  currency: string | null;
}) {
  const rate = view === "revenue" ? cell.revenueRate : cell.logoRate;
  const shade = retentionShade(rate);
  return (
    <Tooltip label={cellDetails(c, cell, currency)} multiline w={280} withArrow openDelay={150}>
      <Box
        px={6}
        py={2}
        ta="right"
        className="steward-num"
        style={{ borderRadius: 4, background: shade?.background, color: shade?.color }}
        data-testid="cohort-cell"
      >
        {formatRate(rate)}
      </Box>
    </Tooltip>
  );
}

/**
 * The cohort triangle: a row per month customers started paying, a column per month since, each
 * cell the share of month 0 still kept — revenue (in the headline currency) or customers — shaded
 * like a heat map, with the counts and amounts on hover. Revenue can pass 100% with expansion.
 */
export function CohortTable({
  data,
  loading,
  view,
  onView,
}: {
  data: Cohorts | undefined;
  loading: boolean;
  view: CohortView;
  onView: (view: CohortView) => void;
}) {
  const cohorts = data?.cohorts ?? [];
  const currency = data?.currency ?? null;
  const columns: AnyColumns<Cohort> = [
    col.accessor("month", { header: "Started", cell: (i) => monthLabel(i.getValue()) }),
    col.accessor("logos", {
      header: "Customers",
      meta: { numeric: true },
      cell: (i) => formatNumber(i.getValue()),
    }),
    col.accessor("startMrrMinor", {
      header: "Start MRR",
      meta: { numeric: true },
      cell: (i) => {
        const v = i.getValue();
        return v === null || !currency ? "—" : formatMoney(v, currency);
      },
    }),
    ...cohortOffsets(cohorts).map((offset) =>
      col.display({
        id: `m${offset}`,
        header: `M${offset}`,
        meta: { numeric: true },
        cell: (i) => {
          const c = i.row.original;
          const cell = c.retention.find((r) => r.offset === offset);
          return cell ? <RetentionCell c={c} cell={cell} view={view} currency={currency} /> : null;
        },
      }),
    ),
  ];
  return (
    <Section
      title="Cohorts"
      description={
        view === "revenue"
          ? "Share of each cohort's first-month MRR still paid, month by month (expansion can take it past 100%)"
          : "Share of each cohort's customers still paying, month by month"
      }
      padding={0}
      testId="revenue-cohorts"
      actions={
        <SegmentedControl
          size="xs"
          aria-label="Cohort retention"
          value={view}
          onChange={(v) => onView(v as CohortView)}
          data={[
            { value: "revenue", label: "Revenue retention" },
            { value: "logos", label: "Logo retention" },
          ]}
        />
      }
    >
      {view === "revenue" && data && data.cohorts.length > 0 && !currency ? (
        <Text size="sm" c="dimmed" px="md" pt="sm">
          Revenue retention needs one currency to add up: see the notes above.
        </Text>
      ) : null}
      <DataTable
        label="Cohorts"
        columns={columns}
        data={data ? cohorts : undefined}
        loading={loading}
        rowKey={(c) => c.month}
        skeletonRows={6}
        minWidth={720}
        empty={
          <Text size="sm" c="dimmed" ta="center">
            No customer started paying in this period.
          </Text>
        }
      />
    </Section>
  );
}
