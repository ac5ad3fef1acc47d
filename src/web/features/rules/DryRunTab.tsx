import { Alert, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { IconInfoCircle, IconPlayerPlay } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { type Rule, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { formatNumber } from "../../lib/format.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { MatchesTable } from "./MatchesTable.tsx";

/** Notes the server adds to a dry run or replay, as they are. */
export function Notes({ notes, testId }: { notes: string[]; testId: string }) {
  if (notes.length === 0) return null;
  return (
    <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} p="xs" data-testid={testId}>
      <Stack gap={4}>
        {notes.map((n) => (
          <Text key={n} size="sm">
            {n}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

/** What the rule would do now, account by account, without doing anything. */
export function DryRunTab({ rule }: { rule: Rule }) {
  const dry = useMutation({ mutationFn: () => api(routes.dryRunRule, { params: { ruleId: rule.id } }) });
  const r = dry.data;
  return (
    <Stack gap="md">
      <Group>
        <Button
          leftSection={<IconPlayerPlay size={16} />}
          loading={dry.isPending}
          onClick={() => dry.mutate()}
        >
          {r ? "Dry run again" : "Dry run"}
        </Button>
        <Text size="sm" c="dimmed">
          Shows which accounts the rule would act on now and what it would do. Nothing is changed.
        </Text>
      </Group>
      {dry.isError ? (
        <ErrorAlert error={dry.error} title="The dry run failed" onRetry={() => dry.mutate()} />
      ) : null}
      {r ? (
        <>
          <Text fw={500} data-testid="dry-run-summary">
            It would act on {formatNumber(r.matched)} account{r.matched === 1 ? "" : "s"} now
            {r.matches.length < r.matched ? ` (the first ${formatNumber(r.matches.length)} are listed)` : ""}.
          </Text>
          <Notes notes={r.notes} testId="dry-run-notes" />
          <Paper withBorder radius="md">
            <MatchesTable
              matches={r.matches}
              label="Dry run"
              empty="No account would match now: check the trigger and the conditions."
            />
          </Paper>
        </>
      ) : null}
    </Stack>
  );
}
