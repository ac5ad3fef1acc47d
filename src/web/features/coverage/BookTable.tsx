import { Badge, Group, Progress, Stack, Text } from "@mantine/core";
import { IconArrowRight } from "@tabler/icons-react";
import type { Book, BookRow } from "../../../contract/index.ts";
import { formatMoney, formatNumber, formatPercent } from "../../lib/format.ts";
import { type AnyColumns, columnHelper, DataTable } from "../../ui/DataTable.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { COVERAGE_LABELS } from "../health/healthText.ts";
import { STATUS_COLORS, STATUS_LABELS } from "./bookView.ts";

const col = columnHelper<BookRow>();

/** The status in words with its colour, never colour alone. */
export function StatusBadge({ status }: { status: BookRow["status"] }) {
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} tt="none">
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/** A load as a bar against a full book (100%) and the figure itself. */
export function LoadBar({ load, status }: { load: number; status: BookRow["status"] }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress
        w={90}
        value={Math.min(load, 1) * 100}
        color={STATUS_COLORS[status]}
        aria-label={`${formatPercent(load)} of a full book`}
      />
      <Text size="sm" className="steward-num" w={44} ta="right">
        {formatPercent(load)}
      </Text>
    </Group>
  );
}

/** "3 one-to-one · 12 one-to-few", leaving out the models with none. */
const byCoverageText = (r: BookRow) =>
  (["one_to_one", "one_to_few", "one_to_many"] as const)
    .filter((c) => r.byCoverage[c] > 0)
    .map((c) => `${formatNumber(r.byCoverage[c])} ${COVERAGE_LABELS[c]?.toLowerCase()}`)
    .concat(r.byCoverage.none > 0 ? [`${formatNumber(r.byCoverage.none)} without coverage`] : [])
    .join(" · ");

const columns = (after: Map<string, number>): AnyColumns<BookRow> => [
  col.accessor("owner", {
    header: "CSM",
    cell: (i) => {
      const r = i.row.original;
      return (
        <Stack gap={0}>
          {r.owner ? (
            <AnchorLink to="/accounts" search={{ owner: r.owner.userId }} size="sm" fw={500}>
              {r.owner.name}
            </AnchorLink>
          ) : (
            <AnchorLink to="/accounts" search={{ owner: "none" }} size="sm" fw={500}>
              Nobody owns these
            </AnchorLink>
          )}
          {r.handAssigned > 0 ? (
            <Text size="xs" c="dimmed">
              {formatNumber(r.handAssigned)} assigned by hand
            </Text>
          ) : null}
        </Stack>
      );
    },
  }),
  col.accessor("team", {
    header: "Team",
    cell: (i) => i.getValue() ?? <Text c="dimmed">—</Text>,
  }),
  col.accessor("accounts", {
    header: "Accounts",
    meta: { wrap: true },
    cell: (i) => (
      <Stack gap={0}>
        <Text size="sm">{formatNumber(i.getValue())}</Text>
        <Text size="xs" c="dimmed" maw={220}>
          {byCoverageText(i.row.original)}
        </Text>
      </Stack>
    ),
  }),
  col.accessor("arr", {
    header: "ARR",
    meta: { numeric: true },
    // One figure per currency: amounts in different currencies are never added up.
    cell: (i) =>
      i.row.original.arr.length === 0 ? (
        <Text c="dimmed">—</Text>
      ) : (
        <Stack gap={0} align="flex-end">
          {i.row.original.arr.map((m) => (
            <Text key={m.currency} size="sm" className="steward-num">
              {formatMoney(m.minor, m.currency)}
            </Text>
          ))}
        </Stack>
      ),
  }),
  col.accessor("load", {
    header: "Load of a full book",
    cell: (i) => {
      const r = i.row.original;
      return (
        <Group gap="sm" wrap="nowrap">
          {r.owner ? <LoadBar load={r.load} status={r.status} /> : null}
          <StatusBadge status={r.status} />
        </Group>
      );
    },
  }),
  col.display({
    id: "after",
    header: "After suggested moves",
    cell: (i) => {
      const r = i.row.original;
      const next = r.owner ? after.get(r.owner.userId) : undefined;
      if (next === undefined) return <Text c="dimmed">—</Text>;
      if (Math.abs(next - r.load) < 0.0005) return <Text size="sm">No change</Text>;
      return (
        <Group gap={4} wrap="nowrap">
          <Text size="sm" c="dimmed" className="steward-num">
            {formatPercent(r.load)}
          </Text>
          <IconArrowRight size={14} aria-label="becomes" />
          <Text size="sm" fw={600} className="steward-num">
            {formatPercent(next)}
          </Text>
        </Group>
      );
    },
  }),
];

/** Each CSM's book and the accounts nobody owns. */
export function BookTable({
  book,
  after,
  fetching,
}: {
  book: Book;
  after: Map<string, number>;
  fetching: boolean;
}) {
  return (
    <DataTable
      columns={columns(after)}
      data={book.rows}
      fetching={fetching}
      label="Book of business"
      rowKey={(r) => r.owner?.userId ?? "unowned"}
      minWidth={900}
    />
  );
}
