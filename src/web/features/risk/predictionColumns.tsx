import { Badge, Progress, Stack, Text, Tooltip } from "@mantine/core";
import type { ChurnKind, ChurnPrediction } from "../../../contract/index.ts";
import { formatMoney, formatPercent } from "../../lib/format.ts";
import { type AnyColumns, columnHelper } from "../../ui/DataTable.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { NOT_ENOUGH_DATA_LABEL } from "../health/healthText.ts";
import { DriverList } from "./DriverList.tsx";
import { KIND_TEXT } from "./riskText.ts";

const col = columnHelper<ChurnPrediction>();

function ProbabilityCell({ p, kind }: { p: number; kind: ChurnKind }) {
  const high = p >= 0.5;
  const color = KIND_TEXT[kind].upIsBad ? (high ? "red" : p >= 0.2 ? "orange" : "teal") : "teal";
  return (
    <Stack gap={3} align="flex-end">
      <Text size="sm" fw={500} className="steward-num">
        {formatPercent(p)}
      </Text>
      <Progress value={p * 100} color={color} size="xs" w={64} aria-hidden />
    </Stack>
  );
}

/** The list's columns; the weighted-ARR header and the colours follow the kind. */
export const columnsFor = (kind: ChurnKind): AnyColumns<ChurnPrediction> => [
  col.accessor("name", {
    header: "Account",
    meta: { sortKey: "name" },
    cell: (info) => (
      <>
        <AnchorLink to="/accounts/$id" params={{ id: info.row.original.accountId }} fw={500} size="sm">
          {info.getValue()}
        </AnchorLink>
        {info.row.original.healthNotEnoughData ? (
          // A new customer: its health is not poor but unknown yet, and its drivers say so.
          <Tooltip label={info.row.original.healthNotEnoughData} multiline w={320} withArrow openDelay={300}>
            <Badge variant="outline" color="gray" size="xs" ml={6} data-testid="health-not-enough-data">
              {NOT_ENOUGH_DATA_LABEL}
            </Badge>
          </Tooltip>
        ) : null}
      </>
    ),
  }),
  col.accessor("probability", {
    header: "Probability",
    meta: { sortKey: "probability", numeric: true, width: 110 },
    cell: (i) => <ProbabilityCell p={i.getValue()} kind={kind} />,
  }),
  col.accessor("drivers", {
    header: "Top drivers",
    meta: { wrap: true, width: 380 },
    cell: (i) => <DriverList drivers={i.getValue()} kind={kind} />,
  }),
  col.accessor("arrMinor", {
    header: "ARR",
    meta: { sortKey: "arr", numeric: true },
    cell: (i) => formatMoney(i.getValue(), i.row.original.currency),
  }),
  col.accessor("arrAtRiskMinor", {
    header: KIND_TEXT[kind].weighted,
    meta: { sortKey: "arrAtRisk", numeric: true },
    cell: (i) => (
      <Text size="sm" fw={500} className="steward-num">
        {formatMoney(i.getValue(), i.row.original.currency)}
      </Text>
    ),
  }),
  col.accessor("ownerName", {
    header: "Owner",
    cell: (i) => i.getValue() ?? <Text c="dimmed">Unassigned</Text>,
  }),
  col.accessor("tier", { header: "Tier", cell: (i) => i.getValue() ?? <Text c="dimmed">—</Text> }),
];
