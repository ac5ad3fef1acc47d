import { Paper, Stack, Text } from "@mantine/core";
import type { TransitionsResult } from "../../../contract/index.ts";
import { formatNumber } from "../../lib/format.ts";
import { type AnyColumns, columnHelper, DataTable } from "../../ui/DataTable.tsx";
import { AccountLink } from "../accounts/cells.tsx";
import { accountsWord } from "./lifecycleText.ts";

type Move = TransitionsResult["transitions"][number];
const col = columnHelper<Move>();

const columns = (labelOf: (key: string) => string): AnyColumns<Move> => [
  col.accessor("account", {
    header: "Account",
    cell: (i) => <AccountLink account={i.getValue()} />,
  }),
  col.accessor("from", { header: "From", cell: (i) => labelOf(i.getValue()) }),
  col.accessor("to", { header: "To", cell: (i) => labelOf(i.getValue()) }),
];

/**
 * Whom the automatic stages would move now (a preview, of the saved stages or a draft) or moved
 * (applied): how many, and account by account the stage each leaves and the one it enters.
 */
export function TransitionsPreview({
  result,
  labelOf,
}: {
  result: TransitionsResult;
  /** Stage names as the stages previewed (or saved) call them. */
  labelOf: (key: string) => string;
}) {
  const listed = result.transitions.length;
  return (
    <Stack gap="sm" data-testid="transitions-preview">
      <Text fw={500} data-testid="transitions-summary">
        {result.applied
          ? `Moved ${accountsWord(result.moved)} into the stages whose entry criteria they meet.`
          : result.moved === 0
            ? "No account would move now."
            : `${accountsWord(result.moved)} would move now. Nothing moves until the stages are saved and applied (or the nightly pass runs).`}
      </Text>
      <Paper withBorder radius="md">
        <DataTable
          columns={columns(labelOf)}
          data={result.transitions}
          label="Stage moves"
          rowKey={(m) => m.account.id}
          minWidth={620}
          empty={
            <Text size="sm" c="dimmed" p="md">
              Nothing to move: no account meets the entry criteria of an automatic stage ahead of the one it
              is in. Accounts only move forward, never out of Churned.
            </Text>
          }
        />
      </Paper>
      {listed < result.moved ? (
        <Text size="xs" c="dimmed">
          The first {formatNumber(listed)} accounts are listed; the count covers all of them.
        </Text>
      ) : null}
    </Stack>
  );
}
