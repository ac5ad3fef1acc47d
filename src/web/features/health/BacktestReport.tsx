import {
  Alert,
  Badge,
  Grid,
  Group,
  List,
  Progress,
  Skeleton,
  Stack,
  Table,
  Text,
  Tooltip,
} from "@mantine/core";
import { IconArrowsDiff } from "@tabler/icons-react";
import { lazy, type ReactNode, Suspense } from "react";
import type { Backtest } from "../../../contract/index.ts";
import { formatDate, formatDateTime, formatDecimal, formatNumber, formatPercent } from "../../lib/format.ts";
import { aucQuality, formatAuc } from "../risk/riskText.ts";
import { BandBadge } from "./HealthBadge.tsx";
import { INVERTED_TEXT } from "./healthText.ts";

const RocChart = lazy(() => import("./RocChart.tsx"));

type Result = NonNullable<Backtest["result"]>;

function Figure({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children}
    </div>
  );
}

function Auc({ auc }: { auc: number | null }) {
  return auc === null ? (
    <Text fz={26} fw={600} c="dimmed">
      —
    </Text>
  ) : (
    <Group gap="xs" align="baseline">
      <Text fz={26} fw={600} className="steward-num">
        {formatAuc(auc)}
      </Text>
      <Badge variant="light" color={auc >= 0.7 ? "teal" : "yellow"}>
        {aucQuality(auc)}
      </Badge>
    </Group>
  );
}

function BandLift({ r }: { r: Result }) {
  const maxRate = Math.max(0.0001, ...r.bands.map((b) => b.rate ?? 0));
  return (
    <Table className="steward-table" aria-label="Churn rate by band" verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Band</Table.Th>
          <Table.Th style={{ textAlign: "right" }}>Observations</Table.Th>
          <Table.Th style={{ textAlign: "right" }}>Churned or contracted</Table.Th>
          <Table.Th style={{ width: 200 }}>Rate</Table.Th>
          <Table.Th style={{ textAlign: "right" }}>Lift</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {r.bands.map((b) => (
          <Table.Tr key={b.band}>
            <Table.Td>
              <BandBadge band={b.band} />
            </Table.Td>
            <Table.Td className="steward-num">{formatNumber(b.observations)}</Table.Td>
            <Table.Td className="steward-num">{formatNumber(b.positives)}</Table.Td>
            <Table.Td>
              <Group gap={8} wrap="nowrap">
                <Progress
                  value={((b.rate ?? 0) / maxRate) * 100}
                  size="sm"
                  style={{ flex: 1 }}
                  color="red"
                  aria-hidden
                />
                <Text size="sm" className="steward-num" w={44} ta="right">
                  {b.rate === null ? "—" : formatPercent(b.rate)}
                </Text>
              </Group>
            </Table.Td>
            <Table.Td className="steward-num">
              {b.lift === null ? "—" : `${formatDecimal(b.lift, 2)}×`}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function MeasurePower({ r }: { r: Result }) {
  const rows = [...r.measures].sort((a, b) => (b.auc ?? -1) - (a.auc ?? -1));
  return (
    <Table className="steward-table" aria-label="Each measure's predictive power" verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Measure</Table.Th>
          <Table.Th style={{ textAlign: "right" }}>AUC alone</Table.Th>
          <Table.Th style={{ textAlign: "right" }}>Has a value</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((m) => (
          <Table.Tr key={m.key} data-inverted={m.inverted || undefined}>
            <Table.Td>
              {m.name}
              {m.inverted ? (
                <>
                  {" "}
                  <Badge size="xs" color="orange" variant="light" data-testid="measure-inverted">
                    Inverted
                  </Badge>
                  <Text size="xs" c="orange.9">
                    {INVERTED_TEXT}
                  </Text>
                </>
              ) : null}
            </Table.Td>
            <Table.Td className="steward-num">{m.auc === null ? "—" : formatAuc(m.auc)}</Table.Td>
            <Table.Td className="steward-num">{formatPercent(m.coverage)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const plural = (n: number, one: string) => `${formatNumber(n)} ${n === 1 ? one : `${one}s`}`;

/** What the run scored and counted: the figures that make two runs of a model differ. */
function Parameters({ b, r }: { b: Backtest; r: Result }) {
  const p = b.params;
  const rows: [string, string][] = [
    [
      "Dates scored",
      `${plural(r.dates, "date")}, every ${plural(p.everyDays, "day")} from ${formatDate(p.from)} to ${formatDate(p.to)}`,
    ],
    ["Outcome", `Churn or contraction within ${p.horizonDays} days of each date`],
    [
      "Accounts",
      `${r.accounts === null ? "" : `${formatNumber(r.accounts)} accounts, `}${plural(r.observations, "observation")}`,
    ],
    [
      "Positives",
      `${formatNumber(r.positives)} (${formatNumber(r.churned)} churned, ${formatNumber(r.contracted)} contracted)`,
    ],
  ];
  if (p.onboardingDays !== null) {
    rows.push([
      "Left out",
      `${plural(r.notEnoughData ?? 0, "observation")} of new customers without enough data in their first ${p.onboardingDays} days`,
    ]);
  }
  return (
    <Table
      aria-label="Backtest parameters"
      verticalSpacing={2}
      withRowBorders={false}
      data-testid="backtest-params"
    >
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Td pl={0} w={120}>
              <Text size="xs" c="dimmed">
                {k}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{v}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** How this run differs from another of the same model, so two AUCs are never compared blind. */
function Comparison({ c }: { c: NonNullable<Backtest["comparison"]> }) {
  return (
    <Alert
      variant="light"
      color="blue"
      icon={<IconArrowsDiff size={18} />}
      title={`Compared with the run of ${formatDateTime(c.createdAt)} (v${c.modelVersion}, AUC ${c.auc === null ? "—" : formatAuc(c.auc)})`}
      data-testid="backtest-comparison"
    >
      <List size="sm" spacing={2}>
        {c.differences.map((d) => (
          <List.Item key={d}>{d}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** A finished backtest: AUC (and the live version's), ROC curves, churn rate by band, each measure's power. */
export function BacktestReport({ backtest }: { backtest: Backtest }) {
  const r = backtest.result;
  if (!r) return null;
  const tested = `v${backtest.modelVersion} (${backtest.versionStatus})`;
  const curves = [
    { name: tested, roc: r.roc },
    ...(r.live ? [{ name: `Live v${r.live.version}`, roc: r.live.roc }] : []),
  ];
  return (
    <Stack gap="md" data-testid="backtest-report">
      {backtest.comparison ? <Comparison c={backtest.comparison} /> : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Group gap="xl" align="flex-start">
              <Figure label={`ROC AUC, ${tested}`} testId="backtest-auc">
                <Auc auc={r.auc} />
              </Figure>
              {r.live ? (
                <Figure label={`Live v${r.live.version}`} testId="backtest-live-auc">
                  <Auc auc={r.live.auc} />
                </Figure>
              ) : null}
            </Group>
            <Figure label="Observed">
              <Parameters b={backtest} r={r} />
            </Figure>
            <Tooltip
              multiline
              w={320}
              label="AUC: the chance that an account that went on to churn or contract scored lower than one that did not. 0.5 is a coin toss; 1 tells every pair apart."
            >
              <Text
                size="xs"
                c="dimmed"
                td="underline"
                style={{ textDecorationStyle: "dotted", width: "fit-content" }}
              >
                What AUC means
              </Text>
            </Tooltip>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Suspense fallback={<Skeleton h={280} />}>
            <RocChart curves={curves} />
          </Suspense>
        </Grid.Col>
      </Grid>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
            Churn or contraction by band
          </Text>
          <BandLift r={r} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
            Each measure on its own
          </Text>
          <MeasurePower r={r} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
