import { List, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import type { TieringResult, TieringRule } from "../../../contract/index.ts";
import { formatNumber } from "../../lib/format.ts";
import { type AnyColumns, columnHelper, DataTable } from "../../ui/DataTable.tsx";
import { StatCard } from "../../ui/StatCard.tsx";
import { AccountLink } from "../accounts/cells.tsx";
import { COVERAGE_LABELS } from "../health/healthText.ts";

type Change = TieringResult["changes"][number];
const col = columnHelper<Change>();

const none = "none";
const fromTo = (ft: { from: string | null; to: string | null } | null, words = (s: string) => s) =>
  ft ? `${ft.from ? words(ft.from) : none} → ${ft.to ? words(ft.to) : none}` : null;
const coverageWords = (c: string) => COVERAGE_LABELS[c] ?? c;
const unchanged = (
  <Text size="sm" c="dimmed">
    No change
  </Text>
);

const columns = (rules: TieringRule[]): AnyColumns<Change> => [
  col.accessor("account", {
    header: "Account",
    cell: (i) => <AccountLink account={i.getValue()} />,
  }),
  col.accessor("rule", {
    header: "Rule",
    cell: (i) => {
      const n = i.getValue();
      return n === null ? "—" : `${n + 1}. ${rules[n]?.tier ?? ""}`;
    },
  }),
  col.accessor("tier", { header: "Tier", cell: (i) => fromTo(i.getValue()) ?? unchanged }),
  col.accessor("coverage", {
    header: "Coverage",
    cell: (i) => fromTo(i.getValue(), coverageWords) ?? unchanged,
  }),
  col.accessor("kept", {
    header: "Kept by hand",
    meta: { wrap: true },
    cell: (i) =>
      i.row.original.kept.length === 0 ? (
        <Text c="dimmed">—</Text>
      ) : (
        <List size="sm" spacing={2}>
          {i.row.original.kept.map((k) => (
            <List.Item key={k}>{k}</List.Item>
          ))}
        </List>
      ),
  }),
];

/**
 * What tiering would change (a preview) or changed (applied): the counts, and account by account
 * the tier and coverage that move and the settings people made by hand, which stay.
 */
export function TieringPreview({ result, rules }: { result: TieringResult; rules: TieringRule[] }) {
  const listed = result.changes.length;
  const all = result.changed + result.keptByHand;
  return (
    <Stack gap="sm" data-testid="tiering-preview">
      <Text fw={500}>
        {result.applied
          ? "Tiering was applied: these are the changes it made."
          : "What these rules would change now. Nothing is changed until they are saved and applied."}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <StatCard
          label={result.applied ? "Changed" : "Would change"}
          value={formatNumber(result.changed)}
          hint="accounts whose tier or coverage moves"
          testId="tiering-changed"
        />
        <StatCard
          label="Kept by hand"
          value={formatNumber(result.keptByHand)}
          hint="accounts where a person's setting stays"
          testId="tiering-kept"
        />
        <StatCard
          label="Unmatched"
          value={formatNumber(result.unmatched)}
          hint="accounts no rule fits: left as they are"
          testId="tiering-unmatched"
        />
      </SimpleGrid>
      <Paper withBorder radius="md">
        <DataTable
          columns={columns(rules)}
          data={result.changes}
          label="Tiering changes"
          rowKey={(c) => c.account.id}
          minWidth={860}
          empty={
            <Text size="sm" c="dimmed" p="md">
              Nothing to change: every account already has the tier and coverage these rules give it.
            </Text>
          }
        />
      </Paper>
      {listed < all ? (
        <Text size="xs" c="dimmed">
          The first {formatNumber(listed)} accounts are listed; the counts cover all of them.
        </Text>
      ) : null}
    </Stack>
  );
}
