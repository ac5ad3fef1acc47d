import { Alert, Badge, Grid, Group, Skeleton, Stack, Text, Tooltip } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { lazy, type ReactNode, Suspense } from "react";
import type { ChurnKind, ChurnModelInfo } from "../../../contract/index.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { Section } from "../../ui/Section.tsx";
import { aucQuality, decileBins, formatAuc, KIND_TEXT } from "./riskText.ts";

const CalibrationChart = lazy(() => import("../../ui/CalibrationChart.tsx"));

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children}
    </div>
  );
}

/**
 * How well the model predicts on accounts it did not see: pooled and per-fold ROC AUC from 5-fold
 * cross-validation, calibration by decile, the population it learned from, and when and by whom
 * it was trained.
 */
export function ModelEvaluation({
  model,
  kind,
  actions,
  status,
}: {
  model: ChurnModelInfo;
  kind: ChurnKind;
  actions?: ReactNode;
  /** Retraining's progress or failure, shown above the figures. */
  status?: ReactNode;
}) {
  const e = model.evaluation;
  const t = KIND_TEXT[kind];
  return (
    <Section
      title={`${t.title} model`}
      description={`Trained ${formatDateTime(model.trainedAt)} by ${model.trainedBy?.name ?? "Steward"} on the history up to ${e.asOf}`}
      actions={actions}
    >
      {status}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Figure label="ROC AUC, held out">
              <Group gap="xs" align="baseline">
                <Text fz={28} fw={600} className="steward-num" data-testid="risk-auc">
                  {formatAuc(e.auc)}
                </Text>
                <Badge variant="light" color={e.auc >= 0.7 ? "teal" : "yellow"}>
                  {aucQuality(e.auc)}
                </Badge>
                <Tooltip
                  multiline
                  w={300}
                  label={`The chance that a random account that ${t.positive} scores above one that ${t.negative}, measured on accounts the model was not trained on (${e.folds.length}-fold cross-validation, all folds pooled). 0.5 is a coin toss; 1 is perfect.`}
                >
                  <IconInfoCircle size={16} color="var(--mantine-color-dimmed)" aria-label="What AUC means" />
                </Tooltip>
              </Group>
            </Figure>
            <Figure label="AUC per fold">
              <Group gap={6} mt={4} data-testid="risk-fold-aucs">
                {e.folds.map((f) => (
                  <Tooltip
                    key={f.fold}
                    label={`Fold ${f.fold}: ${f.accounts} accounts, ${f.positives} ${t.positive}`}
                  >
                    <Badge variant="default" className="steward-num">
                      {formatAuc(f.auc)}
                    </Badge>
                  </Tooltip>
                ))}
              </Group>
              <Text size="xs" c="dimmed" mt={4}>
                Mean {formatAuc(e.meanFoldAuc)} · Brier score {e.brier.toFixed(3)}
              </Text>
            </Figure>
            <Figure label="Learned from">
              <Text size="sm">
                {formatNumber(e.accounts)} accounts: {formatNumber(e.positives)} {t.positive},{" "}
                {formatNumber(e.negatives)} {t.negative}
              </Text>
              <Text size="xs" c="dimmed">
                {e.columns} columns → {e.features} features · {formatNumber(model.scored)} current customers
                scored
              </Text>
            </Figure>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Calibration by decile
          </Text>
          <Suspense fallback={<Skeleton h={220} />}>
            <CalibrationChart
              bins={decileBins(e.calibration)}
              observedName={`Share that ${t.positive}`}
              axisName="Decile of predicted probability"
              label="Calibration by decile: predicted against observed"
            />
          </Suspense>
        </Grid.Col>
      </Grid>
      {e.warnings.length > 0 ? (
        <Alert color="gray" variant="light" mt="md" title="Columns left out">
          <Stack gap={2}>
            {e.warnings.map((w) => (
              <Text key={w} size="xs">
                {w}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}
    </Section>
  );
}
