import { Box, Button, Collapse, Grid, List, Paper, Skeleton, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconChevronDown, IconChevronRight } from "@tabler/icons-react";
import { lazy, Suspense } from "react";
import type { Calibration, RenewalPipeline } from "../../../contract/index.ts";
import { formatDateTime, formatNumber, formatRate } from "../../lib/format.ts";
import { reliabilityBins } from "./renewalsView.ts";

// ECharts is large: the chart loads only once the disclosure is opened.
const CalibrationChart = lazy(() => import("../../ui/CalibrationChart.tsx"));

const renewalsText = (n: number) => `${formatNumber(n)} past renewal${n === 1 ? "" : "s"}`;

/** What the renewal probability is, in a sentence that says how much it can be trusted. */
function methodText(c: Calibration): string {
  return c.method === "platt"
    ? `Each renewal's probability is the churn model's probability, calibrated (Platt scaling) on ${renewalsText(c.scored)} that had a churn score ${c.leadDays} days before they were due — of ${renewalsText(c.renewals)}, ${formatNumber(c.churned)} churned.`
    : `Uncalibrated: too few past renewals to calibrate on (${formatNumber(c.scored)} with a churn score ${c.leadDays} days before; it takes 30, with at least 5 renewed and 5 churned), so each renewal's probability is 1 − its churn probability.`;
}

/**
 * "How this is calculated": the calibration the forecast rests on — its method, how many past
 * renewals, the base rate, the thresholds of the categories — and the reliability table as a chart
 * (per tenth of churn probability, the probability given against the share that renewed).
 */
export function CalibrationDetails({
  calibration: c,
  thresholds,
}: {
  calibration: Calibration;
  thresholds: RenewalPipeline["forecast"]["thresholds"];
}) {
  const [open, toggle] = useDisclosure(false);
  const bins = reliabilityBins(c.bins);
  return (
    <Paper withBorder radius="md" p="xs" data-testid="renewals-calibration">
      <Button
        variant="subtle"
        size="compact-sm"
        onClick={toggle.toggle}
        aria-expanded={open}
        leftSection={open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
      >
        How this is calculated
      </Button>
      <Collapse expanded={open}>
        <Grid gap="md" p="xs">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <List size="sm" spacing={6}>
              <List.Item>Expected ARR = the sum of each renewal's ARR × its renewal probability.</List.Item>
              <List.Item data-testid="calibration-method">{methodText(c)}</List.Item>
              <List.Item>
                {c.baseRate === null
                  ? "No past renewals yet: an account without a churn score has no probability."
                  : `An account without a churn score gets the base rate: ${formatRate(c.baseRate)} of past renewals renewed.`}
              </List.Item>
              <List.Item>
                Commit at {formatRate(thresholds.commitAtLeast)} or more, likely at{" "}
                {formatRate(thresholds.likelyAtLeast)} or more, at risk below (Settings → Revenue).
              </List.Item>
            </List>
            <Text size="xs" c="dimmed" mt="sm">
              Fitted {formatDateTime(c.fittedAt)}; refitted daily.
            </Text>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Reliability: probability given against the share that renewed
            </Text>
            {c.scored === 0 ? (
              <Text size="sm" c="dimmed" mt={4}>
                No past renewal had a churn score {c.leadDays} days before it yet: the table fills in as the
                daily churn history builds up.
              </Text>
            ) : null}
            {open ? (
              <Suspense fallback={<Skeleton h={220} />}>
                <Box data-testid="calibration-chart">
                  <CalibrationChart
                    bins={bins}
                    observedName="Share renewed"
                    predictedName="Renewal probability given"
                    axisName={`Churn probability ${c.leadDays} days before`}
                    label="Reliability of the renewal probability by tenth of churn probability"
                  />
                </Box>
              </Suspense>
            ) : null}
          </Grid.Col>
        </Grid>
      </Collapse>
    </Paper>
  );
}
