import { Box, Center, Loader, Overlay, ScrollArea, Skeleton, Table } from "@mantine/core";
import { IconArrowDown, IconArrowsSort, IconArrowUp } from "@tabler/icons-react";
import {
  type ColumnDef,
  createColumnHelper,
  metaHelper,
  type RowData,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { Fragment, type ReactNode } from "react";

export type ColumnMeta = {
  /** Right-align numbers. */
  numeric?: boolean;
  /** The server's sort field for this column, e.g. "arr"; makes the header clickable. */
  sortKey?: string;
  width?: number | string;
  /** Let long text wrap; cells stay on one line otherwise. */
  wrap?: boolean;
};

/** Server-side data: the table renders rows, the server sorts and pages. */
export const tableFeaturesSet = tableFeatures({ columnMeta: metaHelper<ColumnMeta>() });
export type Features = typeof tableFeaturesSet;
export type Columns<T extends RowData> = ColumnDef<Features, T, never>[];
// biome-ignore lint/suspicious/noExplicitAny: column lists mix value types; each helper call is typed
export type AnyColumns<T extends RowData> = ColumnDef<Features, T, any>[];
export const columnHelper = <T extends RowData>() => createColumnHelper<Features, T>();

/** `name` / `-name` sort strings, as the API takes them. */
export const nextSort = (current: string | undefined, key: string, defaultDesc = false): string => {
  if (current === key) return `-${key}`;
  if (current === `-${key}`) return key;
  return defaultDesc ? `-${key}` : key;
};

/**
 * The last, narrow column holding a row's icon button; included only when `when` holds,
 * e.g. for people allowed to change rows.
 */
export const actionsColumn = <T extends RowData>(cell: (row: T) => ReactNode, when = true): AnyColumns<T> =>
  when
    ? [
        columnHelper<T>().display({
          id: "actions",
          header: "",
          meta: { width: 44 },
          cell: (i) => cell(i.row.original),
        }),
      ]
    : [];

export type DataTableProps<T extends RowData> = {
  columns: AnyColumns<T>;
  data: T[] | undefined;
  loading?: boolean;
  /** Refreshing with rows already shown: dims them instead of blanking the table. */
  fetching?: boolean;
  sort?: string;
  onSort?: (sort: string) => void;
  onRowClick?: (row: T) => void;
  rowKey?: (row: T) => string;
  empty?: ReactNode;
  skeletonRows?: number;
  minWidth?: number;
  label?: string;
  /** Content shown in a full-width row under a row, e.g. its details once expanded; null for none. */
  expanded?: (row: T) => ReactNode;
};

export function DataTable<T extends RowData>({
  columns,
  data,
  loading,
  fetching,
  sort,
  onSort,
  onRowClick,
  rowKey,
  empty,
  skeletonRows = 8,
  minWidth,
  label,
  expanded,
}: DataTableProps<T>) {
  const table = useTable({
    features: tableFeaturesSet,
    columns,
    data: data ?? EMPTY,
    getRowId: rowKey ? (row: T) => rowKey(row) : undefined,
  });
  const headerGroups = table.getHeaderGroups();
  const rows = table.getRowModel().rows;

  return (
    <Box pos="relative">
      <ScrollArea type="auto">
        <Table
          className="steward-table"
          highlightOnHover={Boolean(onRowClick)}
          miw={minWidth}
          aria-label={label}
          aria-busy={loading || fetching ? true : undefined}
        >
          <Table.Thead>
            {headerGroups.map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => {
                  const meta = header.column.columnDef.meta;
                  const sortKey = meta?.sortKey;
                  const active = sortKey && (sort === sortKey || sort === `-${sortKey}`);
                  const desc = sort === `-${sortKey}`;
                  const content = header.isPlaceholder ? null : <table.FlexRender header={header} />;
                  return (
                    <Table.Th
                      key={header.id}
                      style={{ textAlign: meta?.numeric ? "right" : undefined, width: meta?.width }}
                      aria-sort={active ? (desc ? "descending" : "ascending") : undefined}
                    >
                      {sortKey && onSort ? (
                        <button
                          type="button"
                          className="steward-sort-button"
                          onClick={() => onSort(nextSort(sort, sortKey, Boolean(meta?.numeric)))}
                          title="Sort"
                        >
                          {content}
                          {active ? (
                            desc ? (
                              <IconArrowDown size={13} aria-hidden />
                            ) : (
                              <IconArrowUp size={13} aria-hidden />
                            )
                          ) : (
                            <IconArrowsSort size={13} aria-hidden opacity={0.45} />
                          )}
                        </button>
                      ) : (
                        content
                      )}
                    </Table.Th>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {loading && !data
              ? Array.from({ length: skeletonRows }, (_, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
                  <Table.Tr key={i}>
                    {columns.map((_c, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity
                      <Table.Td key={j}>
                        <Skeleton height={14} my={3} width={j === 0 ? "70%" : "50%"} />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))
              : rows.map((row) => {
                  const details = expanded?.(row.original);
                  return (
                    <Fragment key={row.id}>
                      <Table.Tr
                        data-clickable={onRowClick ? "true" : undefined}
                        data-expanded={details ? "true" : undefined}
                        onClick={
                          onRowClick
                            ? (e) => {
                                // Links and buttons inside the row handle their own clicks.
                                if ((e.target as HTMLElement).closest("a,button,input,[role=button]")) return;
                                onRowClick(row.original);
                              }
                            : undefined
                        }
                      >
                        {row.getAllCells().map((cell) => (
                          <Table.Td
                            key={cell.id}
                            className={cell.column.columnDef.meta?.numeric ? "steward-num" : undefined}
                            data-wrap={cell.column.columnDef.meta?.wrap ? "true" : undefined}
                          >
                            <table.FlexRender cell={cell} />
                          </Table.Td>
                        ))}
                      </Table.Tr>
                      {details ? (
                        <Table.Tr className="steward-row-details">
                          <Table.Td colSpan={columns.length} data-wrap="true">
                            {details}
                          </Table.Td>
                        </Table.Tr>
                      ) : null}
                    </Fragment>
                  );
                })}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {!loading && data && data.length === 0 && empty ? <Box py="xl">{empty}</Box> : null}
      {fetching && data && data.length > 0 ? (
        <Overlay color="var(--mantine-color-body)" backgroundOpacity={0.45} zIndex={2}>
          <Center h="100%">
            <Loader size="sm" />
          </Center>
        </Overlay>
      ) : null}
    </Box>
  );
}

const EMPTY: never[] = [];
