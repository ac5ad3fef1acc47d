import { Grid, Group, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { formatMoney } from "../../../common/money.ts";
import type { RevenueFigures } from "../../../contract/index.ts";
import { formatNumber, formatRate } from "../../lib/format.ts";
import { AnchorLink } from "../../ui/links.tsx";
import { Section } from "../../ui/Section.tsx";
import { StatCard } from "../../ui/StatCard.tsx";

/** "+$1,200.00 (+3.4%) since the start": the change of an amount over the period, coloured by its sign. */
function Change({ start, end, currency }: { start: number; end: number; currency: string }) {
  const delta = end - start;
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
  const share = start === 0 ? null : delta / start;
  return (
    <Text size="xs" mt={2} c={delta > 0 ? "teal.7" : delta < 0 ? "red.7" : "dimmed"}>
      {sign}
      {formatMoney(Math.abs(delta), currency)}
      {share === null ? "" : ` (${sign}${formatRate(Math.abs(share))})`} since the start
    </Text>
  );
}

const customers = (n: number) => `${formatNumber(n)} customer${n === 1 ? "" : "s"}`;

/**
 * The period's headline figures in the headline currency, four to a row on wide screens (exact
 * amounts need the width), with `aside` (lifetime value) filling the last row. Rates the server
 * could not work out (no customers at the start) show a dash; the line under each says what it
 * is taken over.
 */
export function RevenueStats({ f, aside }: { f: RevenueFigures; aside: ReactNode }) {
  const c = f.currency;
  const cards = [
    <StatCard
      label="MRR at the end"
      value={formatMoney(f.endMrrMinor, c)}
      hint={
        f.fxMinor !== 0
          ? `Started at ${formatMoney(f.startMrrMinor, c)}; exchange rates moved it ${formatMoney(f.fxMinor, c)}`
          : `Started at ${formatMoney(f.startMrrMinor, c)}`
      }
      footer={<Change start={f.startMrrMinor} end={f.endMrrMinor} currency={c} />}
      testId="stat-mrr"
      key="stat-mrr"
    />,
    <StatCard
      label="ARR at the end"
      value={formatMoney(f.endArrMinor, c)}
      hint="12 × MRR"
      footer={<Change start={f.startArrMinor} end={f.endArrMinor} currency={c} />}
      testId="stat-arr"
      key="stat-arr"
    />,
    <StatCard
      label="Net revenue retention"
      value={formatRate(f.nrr)}
      hint={`What the ${customers(f.logos.start)} at the start pay now, expansion included`}
      testId="stat-nrr"
      key="stat-nrr"
    />,
    <StatCard
      label="Gross revenue retention"
      value={formatRate(f.grr)}
      hint="What they kept, expansion left out"
      testId="stat-grr"
      key="stat-grr"
    />,
    <StatCard
      label="Logo churn"
      value={formatRate(f.logoChurn)}
      hint={`${formatNumber(f.logos.churned)} of ${customers(f.logos.start)} left`}
      testId="stat-logo-churn"
      key="stat-logo-churn"
    />,
    <StatCard
      label="Gross MRR churn"
      value={formatRate(f.grossMrrChurn)}
      hint="Start MRR lost to contraction and churn (1 − GRR)"
      testId="stat-gross-churn"
      key="stat-gross-churn"
    />,
    <StatCard
      label="Net MRR churn"
      value={formatRate(f.netMrrChurn)}
      hint="Losses less expansion (1 − NRR); below zero when expansion wins"
      testId="stat-net-churn"
      key="stat-net-churn"
    />,
    <StatCard
      label="Expansion rate"
      value={formatRate(f.expansionRate)}
      hint={`${formatMoney(f.retention.expansionMinor, c)} more from customers at the start`}
      testId="stat-expansion"
      key="stat-expansion"
    />,
    <StatCard
      label="ARPA"
      value={f.arpaMinor === null ? "—" : formatMoney(f.arpaMinor, c)}
      hint={`MRR per paying customer, ${customers(f.logos.end)} at the end`}
      testId="stat-arpa"
      key="stat-arpa"
    />,
    <StatCard
      label="Customers"
      value={formatNumber(f.logos.end)}
      hint={`${formatNumber(f.logos.new)} new, ${formatNumber(f.logos.reactivated)} back, ${formatNumber(f.logos.churned)} left`}
      testId="stat-logos"
      key="stat-logos"
    />,
  ];
  return (
    <Grid gap="md" data-testid="revenue-stats">
      {cards.map((card) => (
        <Grid.Col key={card.key} span={{ base: 6, sm: 4, lg: 3 }}>
          {card}
        </Grid.Col>
      ))}
      <Grid.Col span={{ base: 12, lg: 6 }}>{aside}</Grid.Col>
    </Grid>
  );
}

/**
 * Lifetime value with the three inputs it is made of, so the figure can be checked by hand. When
 * there is none, the server's reason; an admin can set the missing margin from here.
 */
export function LtvCard({ f, isAdmin }: { f: RevenueFigures; isAdmin: boolean }) {
  const { ltv } = f;
  return (
    <Section
      title="Customer lifetime value"
      description="ARPA × gross margin ÷ monthly logo churn"
      testId="revenue-ltv"
    >
      <Stack gap="sm">
        {ltv.valueMinor !== null ? (
          <Text fz={26} fw={600} className="steward-num" ta="left" data-testid="ltv-value">
            {formatMoney(ltv.valueMinor, f.currency)}
          </Text>
        ) : (
          <Stack gap={4}>
            <Text c="dimmed" data-testid="ltv-missing">
              {ltv.missing}
            </Text>
            {isAdmin ? (
              <AnchorLink to="/settings/$tab" params={{ tab: "revenue" }} size="sm">
                Open Settings → Revenue
              </AnchorLink>
            ) : null}
          </Stack>
        )}
        <Group gap="xl">
          <Input label="ARPA" value={ltv.arpaMinor === null ? "—" : formatMoney(ltv.arpaMinor, f.currency)} />
          <Input label="Gross margin" value={formatRate(ltv.grossMargin)} testId="ltv-margin" />
          <Input label="Monthly churn" value={formatRate(ltv.monthlyChurn)} />
        </Group>
      </Stack>
    </Section>
  );
}

function Input({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={500} className="steward-num" ta="left">
        {value}
      </Text>
    </div>
  );
}
