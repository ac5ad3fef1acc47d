import { Badge, Button, Group, NumberInput, Paper, Stack, Text } from "@mantine/core";
import { IconHistory } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { type Replay, type Rule, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { formatDate, formatDayRange, formatNumber } from "../../lib/format.ts";
import { type AnyColumns, columnHelper, DataTable } from "../../ui/DataTable.tsx";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { AccountLink } from "../accounts/cells.tsx";
import { Notes } from "./DryRunTab.tsx";

type Caught = Replay["caught"][number];
const col = columnHelper<Caught>();

const columns: AnyColumns<Caught> = [
  col.accessor("account", {
    header: "Account",
    cell: (i) => <AccountLink account={i.getValue()} />,
  }),
  col.accessor("firstDay", { header: "First caught", cell: (i) => formatDate(i.getValue()) }),
  col.accessor("firings", {
    header: "Times",
    meta: { numeric: true },
    cell: (i) => formatNumber(i.getValue()),
  }),
  col.display({
    id: "since",
    header: "Since then",
    cell: (i) => {
      const c = i.row.original;
      if (!c.churned && !c.contracted)
        return (
          <Text size="sm" c="dimmed">
            Still a customer, revenue kept
          </Text>
        );
      return (
        <Group gap={4}>
          {c.churned ? (
            <Badge color="red" variant="light">
              Churned
            </Badge>
          ) : null}
          {c.contracted ? (
            <Badge color="orange" variant="light">
              Contracted
            </Badge>
          ) : null}
        </Group>
      );
    },
  }),
];

const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** "Over the last 90 days it would have fired 11 times for 8 accounts; 4 churned and 0 contracted since." */
export const replaySummary = (r: Replay): string =>
  `Over the last ${plural(r.days, "day")} it would have fired ${plural(r.firings, "time")} for ${plural(r.accounts, "account")}; ${formatNumber(r.churned)} churned and ${formatNumber(r.contracted)} contracted since.`;

/** What the rule would have done over past days, from history, and what became of the accounts it caught. */
export function ReplayTab({ rule }: { rule: Rule }) {
  const [days, setDays] = useState<number | string>(90);
  const replay = useMutation({
    mutationFn: (d: number) => api(routes.replayRule, { params: { ruleId: rule.id }, query: { days: d } }),
  });
  const valid = typeof days === "number" && Number.isInteger(days) && days >= 1 && days <= 365;
  const go = () => valid && replay.mutate(days);
  const r = replay.data;
  return (
    <Stack gap="md">
      <Group align="flex-end">
        <NumberInput
          label="Days back"
          w={140}
          min={1}
          max={365}
          allowDecimal={false}
          value={days}
          onChange={setDays}
          error={valid ? undefined : "From 1 to 365 days"}
        />
        <Button
          leftSection={<IconHistory size={16} />}
          loading={replay.isPending}
          disabled={!valid}
          onClick={go}
        >
          Replay
        </Button>
        <Text size="sm" c="dimmed" maw={520}>
          Replays the rule over history (health and segment history, answers, renewals, outcomes) and shows
          what became of the accounts it would have caught.
        </Text>
      </Group>
      {replay.isError ? <ErrorAlert error={replay.error} title="The replay failed" onRetry={go} /> : null}
      {r ? (
        <>
          <div>
            <Text fw={500} data-testid="replay-summary">
              {replaySummary(r)}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDayRange(r.from, r.to)}
            </Text>
          </div>
          <Notes notes={r.flags} testId="replay-flags" />
          <Paper withBorder radius="md">
            <DataTable
              columns={columns}
              data={r.caught}
              label="Accounts caught"
              rowKey={(c) => c.account.id}
              minWidth={640}
              empty={
                <Text size="sm" c="dimmed" p="md">
                  The rule would not have fired for any account in these days. Try more days, or a wider
                  trigger.
                </Text>
              }
            />
          </Paper>
        </>
      ) : null}
    </Stack>
  );
}
