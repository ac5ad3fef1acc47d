import { Text } from "@mantine/core";
import { formatMoney } from "../../../common/money.ts";
import type { RevenueMetrics } from "../../../contract/index.ts";
import { formatNumber, formatRate } from "../../lib/format.ts";
import { type AnyColumns, columnHelper, DataTable } from "../../ui/DataTable.tsx";
import { DownloadCsvButton } from "../../ui/ExportCsvButton.tsx";
import { Section } from "../../ui/Section.tsx";
import {
  MOVEMENT_COLUMNS,
  type MovementColumn,
  monthLabel,
  movementsCsvRows,
  movementValue,
  type RevenuePeriod,
} from "./revenueView.ts";

type Month = RevenueMetrics["byMonth"][number];
const col = columnHelper<Month>();

const shown = (c: MovementColumn, v: string | number | null, currency: string) => {
  if (v === null) return "—";
  if (c.kind === "month") return monthLabel(String(v));
  if (c.kind === "money") return formatMoney(Number(v), currency);
  if (c.kind === "rate") return formatRate(Number(v));
  return formatNumber(Number(v));
};

/**
 * Month by month: start MRR, each movement, the net change, end MRR, customers and the month's
 * rates. The CSV holds the same columns and rows (amounts as plain numbers).
 */
export function MovementsTable({
  byMonth,
  currency,
  period,
}: {
  byMonth: Month[];
  currency: string;
  period: RevenuePeriod;
}) {
  const columns: AnyColumns<Month> = MOVEMENT_COLUMNS.map((c) =>
    col.display({
      id: c.key,
      header: c.header,
      meta: { numeric: c.kind !== "month" },
      cell: (i) => shown(c, movementValue(i.row.original, c.key), currency),
    }),
  );
  return (
    <Section
      title="Movements by month"
      description={`In ${currency}; contraction and churn are what was lost`}
      padding={0}
      testId="revenue-movements"
      actions={
        <DownloadCsvButton
          filename={`revenue-movements-${period.first}-to-${period.last}.csv`}
          rows={() => movementsCsvRows(byMonth, currency)}
          disabled={byMonth.length === 0}
        />
      }
    >
      <DataTable
        label="Movements by month"
        columns={columns}
        data={byMonth}
        rowKey={(m) => m.month}
        minWidth={1100}
        empty={
          <Text size="sm" c="dimmed" ta="center">
            No months in this period.
          </Text>
        }
      />
    </Section>
  );
}
