import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  NumberInput,
  Progress,
  Select,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { IconPlayerPlay } from "@tabler/icons-react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import {
  BACKTEST_FORM_DEFAULTS,
  type Backtest,
  type HealthModel,
  routes,
  ZBacktestCreate,
} from "../../../contract/index.ts";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { apiQuery, invalidate } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { FormError } from "../../ui/FormError.tsx";
import { type FieldLabels, showServerErrors, useContractForm } from "../../ui/form.ts";
import { Section } from "../../ui/Section.tsx";
import { formatAuc } from "../risk/riskText.ts";
import { BacktestReport } from "./BacktestReport.tsx";
import { type BacktestBody, useStartBacktest } from "./use-health-mutations.ts";

const STATUS_COLORS = { queued: "gray", running: "blue", done: "teal", failed: "red" } as const;
const busy = (b: Backtest | undefined) => b?.status === "queued" || b?.status === "running";

type RunValues = { version: "draft" | "published"; horizonDays: number | string; everyDays: number | string };
const RUN_LABELS: FieldLabels = { version: "Version", horizonDays: "Horizon", everyDays: "Every N days" };
const runBody = (v: RunValues): BacktestBody => ({
  version: v.version,
  horizonDays: Number(v.horizonDays),
  everyDays: Number(v.everyDays),
});

function RunForm({ model, onStarted }: { model: HealthModel; onStarted: (b: Backtest) => void }) {
  const form = useContractForm({
    initialValues: {
      version: model.draft ? "draft" : "published",
      // The demo's stored runs used these too: running the form as it opens gives a comparable figure.
      horizonDays: BACKTEST_FORM_DEFAULTS.horizonDays,
      everyDays: BACKTEST_FORM_DEFAULTS.everyDays,
    } as RunValues,
    labels: RUN_LABELS,
    schema: ZBacktestCreate,
    toBody: runBody,
  });
  const start = useStartBacktest(model.id);
  const onSubmit = form.onSubmit((body) =>
    start.mutate(body, { onSuccess: onStarted, onError: showServerErrors(form, RUN_LABELS) }),
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Run a backtest">
      <Stack gap="xs">
        <Group align="flex-end" gap="sm">
          <Select
            label="Version"
            w={170}
            allowDeselect={false}
            data={[
              ...(model.draft ? [{ value: "draft", label: `Draft v${model.draft.version}` }] : []),
              ...(model.published
                ? [{ value: "published", label: `Published v${model.published.version}` }]
                : []),
            ]}
            {...form.getInputProps("version")}
          />
          <NumberInput
            label="Horizon (days)"
            w={130}
            min={14}
            max={365}
            {...form.getInputProps("horizonDays")}
          />
          <NumberInput label="Every N days" w={120} min={1} max={90} {...form.getInputProps("everyDays")} />
          <Button type="submit" leftSection={<IconPlayerPlay size={16} />} loading={start.isPending}>
            Run backtest
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          Scores the year up to the horizon before today, from where the usage history has a full 30-day
          window.
        </Text>
        <FormError error={start.error} errors={form.errors} />
      </Stack>
    </form>
  );
}

/** Another finished run of the same model to compare with; by default the server picks the one before. */
function CompareWith({
  id,
  runs,
  value,
  onChange,
}: {
  id: string;
  runs: Backtest[];
  value: string | null;
  onChange: (v: string | null) => void;
}) {
  const others = runs.filter((r) => r.id !== id && r.status === "done");
  if (others.length === 0) return null;
  return (
    <Select
      label="Compare with"
      w={320}
      size="xs"
      clearable
      placeholder="The run before this one"
      data={others.map((r) => ({
        value: r.id,
        label: `${formatDateTime(r.createdAt)} · v${r.modelVersion} · AUC ${r.result?.auc == null ? "—" : formatAuc(r.result.auc)}`,
      }))}
      value={value}
      onChange={onChange}
    />
  );
}

/** One backtest, polled every second while it runs; its report once done, its error if it failed. */
function BacktestView({ id, runs }: { id: string; runs: Backtest[] }) {
  const qc = useQueryClient();
  const [compareWith, setCompareWith] = useState<string | null>(null);
  const q = useQuery({
    ...apiQuery(routes.getBacktest, { params: { id }, query: compareWith ? { compareWith } : {} }),
    refetchInterval: (query) => (busy(query.state.data) ? 1000 : false),
    placeholderData: keepPreviousData,
  });
  const b = q.data;
  const status = b?.status;
  // The list shows each run's status and AUC: refresh it when this one finishes.
  useEffect(() => {
    if (status === "done" || status === "failed") void invalidate(qc, routes.listBacktests.path);
  }, [status, qc]);
  if (q.isError)
    return (
      <ErrorAlert error={q.error} title="The backtest could not be loaded" onRetry={() => q.refetch()} />
    );
  if (!b) return <Loader size="sm" />;
  if (busy(b)) {
    return (
      <Stack gap={4} data-testid="backtest-progress">
        <Text size="sm">
          {b.status === "queued"
            ? "Queued: starting shortly…"
            : `Scoring past dates… ${Math.round(b.progress * 100)}%`}
        </Text>
        <Progress value={b.progress * 100} animated striped aria-label="Backtest progress" />
      </Stack>
    );
  }
  if (b.status === "failed")
    return (
      <Alert color="red" variant="light" title="The backtest failed">
        {b.error ?? "No reason was recorded."}
      </Alert>
    );
  return (
    <Stack gap="sm">
      <CompareWith id={id} runs={runs} value={compareWith} onChange={setCompareWith} />
      <BacktestReport backtest={b} />
    </Stack>
  );
}

/**
 * Backtests of the model: score past dates with a version and compare with what happened over the
 * horizon (churn or contraction); the report shows how well the score would have warned.
 */
export function Backtests({ model, canWrite }: { model: HealthModel; canWrite: boolean }) {
  const list = useQuery(apiQuery(routes.listBacktests, { params: { id: model.id } }));
  const [picked, setPicked] = useState<string | null>(null);
  const rows = list.data?.data ?? [];
  const shown = picked ?? rows[0]?.id ?? null;
  return (
    <Section
      title="Backtests"
      description="Would this model have warned you? Scores on past dates against what happened next"
    >
      <Stack gap="md">
        {canWrite && (model.draft || model.published) ? (
          <RunForm model={model} onStarted={(b) => setPicked(b.id)} />
        ) : null}
        {list.isError ? (
          <ErrorAlert
            error={list.error}
            title="Backtests could not be loaded"
            onRetry={() => list.refetch()}
          />
        ) : null}
        {shown ? <BacktestView key={shown} id={shown} runs={rows} /> : null}
        {rows.length > 0 ? (
          <Table
            className="steward-table"
            aria-label="Previous backtests"
            highlightOnHover
            verticalSpacing={6}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Run</Table.Th>
                <Table.Th>Version</Table.Th>
                <Table.Th>Dates</Table.Th>
                <Table.Th>Horizon</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>AUC</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((b) => (
                <Table.Tr
                  key={b.id}
                  data-clickable="true"
                  onClick={() => setPicked(b.id)}
                  bg={b.id === shown ? "var(--mantine-color-gray-0)" : undefined}
                >
                  <Table.Td>
                    {formatDateTime(b.createdAt)}{" "}
                    <Text span size="xs" c="dimmed">
                      {b.createdByName ?? ""}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    v{b.modelVersion} ({b.versionStatus})
                  </Table.Td>
                  <Table.Td>
                    {formatDate(b.params.from)} – {formatDate(b.params.to)}{" "}
                    <Text span size="xs" c="dimmed">
                      every {b.params.everyDays}d
                    </Text>
                  </Table.Td>
                  <Table.Td>{b.params.horizonDays} days</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={STATUS_COLORS[b.status]}>
                      {b.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td className="steward-num">
                    {b.result?.auc == null ? "—" : formatAuc(b.result.auc)}
                    {b.result?.live?.auc != null ? (
                      <Text span size="xs" c="dimmed">
                        {" "}
                        (live {formatAuc(b.result.live.auc)})
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : list.data ? (
          <Text size="sm" c="dimmed">
            No backtest yet.
            {canWrite
              ? " Run one to see how well this model separates customers who left from those who stayed."
              : ""}
          </Text>
        ) : null}
      </Stack>
    </Section>
  );
}
