import { Alert, Button, Checkbox, EmptyState, Group, List, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconArrowsExchange, IconScale } from "@tabler/icons-react";
import { useState } from "react";
import type { Book, BookMove } from "../../../contract/index.ts";
import { formatMoney, formatPercent } from "../../lib/format.ts";
import { apiIssues } from "../../lib/issues.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { type AnyColumns, columnHelper, DataTable } from "../../ui/DataTable.tsx";
import { Section } from "../../ui/Section.tsx";
import { AccountLink } from "../accounts/cells.tsx";
import { COVERAGE_LABELS } from "../health/healthText.ts";
import { loadsAfterPicked, moveIssueSentences, movesBody } from "./bookView.ts";
import { useMoveAccounts } from "./use-coverage.ts";

const col = columnHelper<BookMove>();

const columns = (picked: Set<string>, toggle: (m: BookMove) => void, all: BookMove[], canWrite: boolean) => {
  const pickAll = col.display({
    id: "pick",
    meta: { width: 40 },
    header: () => (
      <Checkbox
        aria-label="Pick every move"
        checked={all.length > 0 && picked.size === all.length}
        indeterminate={picked.size > 0 && picked.size < all.length}
        onChange={() => {
          const every = picked.size === all.length;
          for (const m of all) if (every || !picked.has(m.account.id)) toggle(m);
        }}
      />
    ),
    cell: (i) => (
      <Checkbox
        aria-label={`Move ${i.row.original.account.name} to ${i.row.original.to.name}`}
        checked={picked.has(i.row.original.account.id)}
        onChange={() => toggle(i.row.original)}
      />
    ),
  });
  const rest: AnyColumns<BookMove> = [
    col.accessor("account", {
      header: "Account",
      cell: (i) => <AccountLink account={i.getValue()} />,
    }),
    col.display({
      id: "coverage",
      header: "Coverage",
      cell: (i) => COVERAGE_LABELS[i.row.original.account.coverage ?? ""] ?? <Text c="dimmed">None</Text>,
    }),
    col.display({
      id: "arr",
      header: "ARR",
      meta: { numeric: true },
      cell: (i) => formatMoney(i.row.original.account.arr.minor, i.row.original.account.arr.currency),
    }),
    col.accessor("from", { header: "From", cell: (i) => i.getValue().name }),
    col.accessor("to", { header: "To", cell: (i) => i.getValue().name }),
    col.accessor("why", {
      header: "Why",
      meta: { wrap: true },
      cell: (i) => (
        <Text size="sm" maw={380}>
          {i.getValue()}
        </Text>
      ),
    }),
  ];
  return canWrite ? [pickAll, ...rest] : rest;
};

/** The picked moves in words, and what they do to each CSM's load. */
function MovesSummary({ book, picked }: { book: Book; picked: BookMove[] }) {
  const after = loadsAfterPicked(book, picked);
  const name = new Map(book.rows.flatMap((r) => (r.owner ? [[r.owner.userId, r.owner.name] as const] : [])));
  const before = new Map(book.rows.flatMap((r) => (r.owner ? [[r.owner.userId, r.load] as const] : [])));
  return (
    <Stack gap="xs">
      <List size="sm" spacing={2}>
        {picked.map((m) => (
          <List.Item key={m.account.id}>
            {m.account.name}: {m.from.name} → {m.to.name}
          </List.Item>
        ))}
      </List>
      <Text size="sm">
        Loads afterwards:{" "}
        {[...after]
          .map(
            ([id, load]) =>
              `${name.get(id) ?? "a CSM"} ${formatPercent(before.get(id))} → ${formatPercent(load)}`,
          )
          .join("; ")}
        .
      </Text>
      <Text size="sm" c="dimmed">
        Each account gets its new owner now and counts as assigned by hand: later suggestions leave it where
        you put it.
      </Text>
    </Stack>
  );
}

/**
 * Moves that even out the books, each with its reason; members and up pick some and make them,
 * after confirming. A refused move says which account and why.
 */
export function Suggestions({
  book,
  canWrite,
  onMoved,
}: {
  book: Book;
  canWrite: boolean;
  onMoved: (accountIds: string[]) => void;
}) {
  const [picks, setPicks] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const move = useMoveAccounts();
  // Picks of moves no longer suggested (the book changed) drop out.
  const picked = book.suggestions.filter((m) => picks.has(m.account.id));
  const pickedIds = new Set(picked.map((m) => m.account.id));
  const toggle = (m: BookMove) =>
    setPicks((prev) => {
      const next = new Set(prev);
      if (next.has(m.account.id)) next.delete(m.account.id);
      else next.add(m.account.id);
      return next;
    });
  const issues = apiIssues(move.error);
  const make = () =>
    move.mutate(movesBody(picked), {
      onSuccess: () => {
        const n = picked.length;
        notifications.show({ color: "green", message: `${n} account${n === 1 ? "" : "s"} moved` });
        onMoved(picked.map((m) => m.account.id));
        setPicks(new Set());
        setConfirming(false);
      },
    });
  const n = picked.length;

  return (
    <Section
      title="Rebalancing suggestions"
      count={book.suggestions.length}
      description="Moves that even out load, then ARR, between the CSMs of each team. Accounts assigned by hand are never moved, and nobody is pushed past a full book."
      testId="book-suggestions"
      padding={0}
      actions={
        canWrite && book.suggestions.length > 0 ? (
          <Button
            leftSection={<IconArrowsExchange size={16} />}
            disabled={n === 0}
            onClick={() => {
              move.reset();
              setConfirming(true);
            }}
          >
            {n === 0 ? "Make these moves" : `Make ${n === 1 ? "this move" : `these ${n} moves`}`}
          </Button>
        ) : null
      }
    >
      {book.suggestions.length === 0 ? (
        <EmptyState
          icon={<IconScale size={26} />}
          withIndicatorBackground
          title="Nothing to rebalance"
          description="The books within each team are as even as moves can make them, or the accounts that could move were assigned by hand."
        />
      ) : (
        <DataTable
          columns={columns(pickedIds, toggle, book.suggestions, canWrite)}
          data={book.suggestions}
          label="Rebalancing suggestions"
          rowKey={(m) => m.account.id}
          minWidth={900}
        />
      )}
      <ConfirmDialog
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={n === 1 ? "Make this move?" : `Make these ${n} moves?`}
        color="blue"
        confirmLabel={n === 1 ? "Move the account" : `Move ${n} accounts`}
        message={
          <Stack gap="sm">
            <MovesSummary book={book} picked={picked} />
            {issues.length > 0 ? (
              <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} p="xs" role="alert">
                <Group gap={4}>
                  {moveIssueSentences(issues, picked).map((t) => (
                    <Text key={t} size="sm">
                      {t}.
                    </Text>
                  ))}
                </Group>
              </Alert>
            ) : null}
          </Stack>
        }
        onConfirm={make}
        loading={move.isPending}
        error={issues.length > 0 ? undefined : move.error}
      />
    </Section>
  );
}
