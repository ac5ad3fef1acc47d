import { Box, Grid, SimpleGrid, Text } from "@mantine/core";
import { lazy, Suspense } from "react";
import type { AdvocacySummary } from "../../../contract/index.ts";
import { formatNumber } from "../../lib/format.ts";
import { type AnyColumns, columnHelper, DataTable } from "../../ui/DataTable.tsx";
import { DownloadCsvButton } from "../../ui/ExportCsvButton.tsx";
import { Section } from "../../ui/Section.tsx";
import { StatCard } from "../../ui/StatCard.tsx";
import { byKindCsvRows, formatNps } from "./advocacyView.ts";
import { KIND_LABELS } from "./labels.ts";

// ECharts is large: the chart loads only once the page shows it.
const NpsTrendChart = lazy(() => import("./NpsTrendChart.tsx"));

type KindRow = AdvocacySummary["byKind"][number] & { deliveredInPeriod: number };
const col = columnHelper<KindRow>();
const count = (
  key: "asked" | "agreed" | "delivered" | "declined" | "total" | "deliveredInPeriod",
  header: string,
) => col.accessor(key, { header, meta: { numeric: true }, cell: (i) => formatNumber(i.getValue()) });
const kindColumns: AnyColumns<KindRow> = [
  col.accessor("kind", { header: "Kind", cell: (i) => KIND_LABELS[i.row.original.kind] }),
  count("asked", "Asked"),
  count("agreed", "Agreed"),
  count("delivered", "Delivered"),
  count("declined", "Declined"),
  count("total", "Made"),
  count("deliveredInPeriod", "Delivered in period"),
];

/** The period's loyalty: NPS with its trend, and the asks made and delivered by kind. */
export function LoyaltySummary({ summary: s, periodName }: { summary: AdvocacySummary; periodName: string }) {
  const made = s.byKind.reduce((n, k) => n + k.total, 0);
  const open = s.byKind.reduce((n, k) => n + k.asked + k.agreed, 0);
  const rows: KindRow[] = s.byKind.map((k) => ({
    ...k,
    deliveredInPeriod: s.delivered.byKind.find((d) => d.kind === k.kind)?.count ?? 0,
  }));
  return (
    <>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
        <StatCard
          label="NPS"
          testId="stat-nps"
          value={formatNps(s.nps.score)}
          hint={
            s.nps.responses === 0
              ? "No NPS answers in the period"
              : `${formatNumber(s.nps.responses)} answers: ${s.nps.promoters} promoters, ${s.nps.detractors} detractors`
          }
        />
        <StatCard label="Asks made" testId="stat-asks" value={formatNumber(made)} hint={periodName} />
        <StatCard
          label="Delivered"
          testId="stat-delivered"
          value={formatNumber(s.delivered.total)}
          hint="References, reviews, stories… delivered in the period"
        />
        <StatCard
          label="Still open"
          testId="stat-open"
          value={formatNumber(open)}
          hint="Of the asks made: asked or agreed"
        />
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Section
            testId="advocacy-nps-chart"
            title="NPS by month"
            description="% promoters (9–10) − % detractors (0–6) of each month's answers; no answers, no point"
          >
            <Suspense fallback={<Box h={280} />}>
              <NpsTrendChart byMonth={s.npsByMonth} />
            </Suspense>
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Section
            title="Asks by kind"
            description="Asks made in the period by where they stand now, and those delivered in it"
            padding={0}
            testId="advocacy-by-kind"
            actions={<DownloadCsvButton filename="advocacy-by-kind.csv" rows={() => byKindCsvRows(rows)} />}
          >
            <DataTable
              label="Per kind and state"
              columns={kindColumns}
              data={rows}
              rowKey={(r) => r.kind}
              empty={<Text size="sm">No asks.</Text>}
            />
          </Section>
        </Grid.Col>
      </Grid>
    </>
  );
}
