import { Grid, Progress, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { formatMoney } from "../../../common/money.ts";
import type { ForecastTotals, RenewalPipeline } from "../../../contract/index.ts";
import { formatNumber, formatRate } from "../../lib/format.ts";
import { Section } from "../../ui/Section.tsx";
import { StatCard } from "../../ui/StatCard.tsx";
import { CalibrationDetails } from "./CalibrationDetails.tsx";
import { CALL_COLORS, CALL_LABELS, forecastTotals } from "./renewalsView.ts";

type Totals = ForecastTotals["model"];
/** The rows of the comparison; the last one names what "no category" means on each side. */
const ROWS: { key: keyof Totals; label: string; color: string; model?: string; csm?: string }[] = [
  { key: "commitMinor", label: CALL_LABELS.commit, color: CALL_COLORS.commit },
  { key: "likelyMinor", label: CALL_LABELS.likely, color: CALL_COLORS.likely },
  { key: "atRiskMinor", label: CALL_LABELS.at_risk, color: CALL_COLORS.at_risk },
  { key: "noneMinor", label: "None", color: "gray", model: "No probability", csm: "No call yet" },
];

/** An amount and its share of the ARR up for renewal, with a bar to compare at a glance. */
function Share({
  minor,
  t,
  color,
  what,
}: {
  minor: number;
  t: ForecastTotals;
  color: string;
  what?: string;
}) {
  const share = t.arrMinor > 0 ? minor / t.arrMinor : 0;
  return (
    <div>
      <Text size="sm" className="steward-num" ta="left">
        {formatMoney(minor, t.currency)}{" "}
        <Text span size="xs" c="dimmed">
          {what ? `${what} · ` : ""}
          {formatRate(share)}
        </Text>
      </Text>
      <Progress value={share * 100} color={color} size="sm" mt={2} aria-hidden />
    </div>
  );
}

/** One currency's forecast: expected ARR, the ARR up for renewal, and the categories side by side. */
function CurrencyForecast({ t, titled }: { t: ForecastTotals; titled: boolean }) {
  const c = t.currency;
  return (
    <Grid gap="md" data-testid="renewals-forecast-currency" data-currency={c}>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 1 }} spacing="md">
          <StatCard
            label={titled ? `Expected ARR · ${c}` : "Expected ARR"}
            value={formatMoney(t.expectedArrMinor, c)}
            hint={`${formatRate(t.arrMinor > 0 ? t.expectedArrMinor / t.arrMinor : null)} of the ARR up for renewal: each renewal's ARR × its renewal probability`}
            testId="forecast-expected"
          />
          <StatCard
            label={titled ? `Up for renewal · ${c}` : "Up for renewal"}
            value={formatMoney(t.arrMinor, c)}
            hint={`ARR of ${formatNumber(t.renewals)} renewal${t.renewals === 1 ? "" : "s"} in the window`}
            testId="forecast-arr"
          />
        </SimpleGrid>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Section
          title="ARR by category"
          description="The model's category from each renewal's probability, beside the calls CSMs made"
          padding={0}
          testId="forecast-categories"
        >
          <Table fz="sm" verticalSpacing={6} aria-label={`ARR by category in ${c}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                <Table.Th>The model's forecast</Table.Th>
                <Table.Th>The CSMs' calls</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ROWS.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Th fw={500}>{r.label}</Table.Th>
                  <Table.Td>
                    <Share minor={t.model[r.key]} t={t} color={r.color} what={r.model} />
                  </Table.Td>
                  <Table.Td>
                    <Share minor={t.csm[r.key]} t={t} color={r.color} what={r.csm} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      </Grid.Col>
    </Grid>
  );
}

/**
 * The window's forecast: in the headline currency when the server gives one, else per currency
 * (amounts of several currencies are never added without a rate), and how it is worked out.
 */
export function ForecastSummary({ forecast }: { forecast: RenewalPipeline["forecast"] }) {
  const sets = forecastTotals(forecast);
  return (
    <Stack gap="md" data-testid="renewals-forecast">
      {sets.map((t) => (
        <CurrencyForecast key={t.currency} t={t} titled={forecast.headline === null && sets.length > 1} />
      ))}
      <CalibrationDetails calibration={forecast.calibration} thresholds={forecast.thresholds} />
    </Stack>
  );
}
