import { formatMoney } from "../../../common/money.ts";
import type { RevenueFigures } from "../../../contract/index.ts";
import { formatNumber, formatRate } from "../../lib/format.ts";
import { type AnyColumns, columnHelper, DataTable } from "../../ui/DataTable.tsx";
import { Section } from "../../ui/Section.tsx";

const col = columnHelper<RevenueFigures>();

const money = (
  key:
    | "startMrrMinor"
    | "endMrrMinor"
    | "newMinor"
    | "expansionMinor"
    | "reactivationMinor"
    | "contractionMinor"
    | "churnMinor",
  header: string,
) =>
  col.accessor(key, {
    header,
    meta: { numeric: true },
    cell: (i) => formatMoney(i.getValue(), i.row.original.currency),
  });

const rate = (key: "nrr" | "grr" | "logoChurn", header: string) =>
  col.accessor(key, { header, meta: { numeric: true }, cell: (i) => formatRate(i.getValue()) });

const columns: AnyColumns<RevenueFigures> = [
  col.accessor("currency", { header: "Currency" }),
  money("startMrrMinor", "Start MRR"),
  money("newMinor", "New"),
  money("expansionMinor", "Expansion"),
  money("reactivationMinor", "Reactivation"),
  money("contractionMinor", "Contraction"),
  money("churnMinor", "Churn"),
  money("endMrrMinor", "End MRR"),
  col.accessor((f) => f.logos.end, {
    id: "customers",
    header: "Customers",
    meta: { numeric: true },
    cell: (i) => formatNumber(i.getValue()),
  }),
  rate("nrr", "NRR"),
  rate("grr", "GRR"),
  rate("logoChurn", "Logo churn"),
];

/**
 * Each currency's own figures, never converted: the only figures there are when several
 * currencies are kept without a base currency, and a breakdown of the converted ones otherwise.
 */
export function CurrencyFigures({
  byCurrency,
  converted,
}: {
  byCurrency: RevenueFigures[];
  converted: boolean;
}) {
  return (
    <Section
      title="By currency"
      description={
        converted
          ? "Each currency in its own money, before conversion"
          : "Amounts of different currencies are not added up without exchange rates"
      }
      padding={0}
      testId="revenue-by-currency"
    >
      <DataTable
        label="Revenue by currency"
        columns={columns}
        data={byCurrency}
        rowKey={(f) => f.currency}
        minWidth={1000}
      />
    </Section>
  );
}
