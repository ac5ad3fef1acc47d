import { List, Text } from "@mantine/core";
import type { RuleMatch } from "../../../contract/index.ts";
import { type AnyColumns, columnHelper, DataTable } from "../../ui/DataTable.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { AccountLink } from "../accounts/cells.tsx";

const col = columnHelper<RuleMatch>();

const columns: AnyColumns<RuleMatch> = [
  col.accessor("account", {
    header: "Account",
    cell: (i) => <AccountLink account={i.getValue()} />,
  }),
  col.accessor("why", {
    header: "Why",
    cell: (i) => (
      <Text size="sm" maw={420}>
        {i.getValue()}
      </Text>
    ),
  }),
  col.accessor("actions", {
    header: "Actions",
    cell: (i) => (
      <List size="sm" spacing={2}>
        {i.row.original.actions.map((a, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: an action's results keep the rule's order
          <List.Item key={n}>
            {a.text}
            {a.taskId ? (
              <>
                {" "}
                <AnchorLink to="/inbox" search={{ task: a.taskId }} size="sm">
                  (open in the inbox)
                </AnchorLink>
              </>
            ) : null}
          </List.Item>
        ))}
      </List>
    ),
  }),
];

/** The accounts a run or dry run matched: why each one, and what each action did or would do. */
export function MatchesTable({
  matches,
  label,
  empty,
}: {
  matches: RuleMatch[];
  label: string;
  empty: string;
}) {
  return (
    <DataTable
      columns={columns}
      data={matches}
      label={label}
      rowKey={(m) => m.account.id}
      minWidth={760}
      empty={
        <Text size="sm" c="dimmed" p="md">
          {empty}
        </Text>
      }
    />
  );
}
