import { Button, CloseButton, EmptyState, Group, Paper, Stack, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconFilterOff, IconSearch } from "@tabler/icons-react";
import type { RowData } from "@tanstack/react-table";
import { type ComponentProps, type ReactNode, useEffect, useState } from "react";
import { CursorPager } from "./CursorPager.tsx";
import { DataTable, type DataTableProps } from "./DataTable.tsx";
import { ErrorAlert } from "./ErrorAlert.tsx";

const BORDER = "1px solid var(--mantine-color-default-border)";

/** The parts of a react-query result that decide between the table and an error. */
type Loaded = { isError: boolean; error: unknown; refetch: () => unknown };

export type QueryTableProps<T extends RowData> = DataTableProps<T> & {
  query: Loaded;
  /** Shown above the server's message when loading fails, e.g. "Accounts could not be loaded". */
  errorTitle: string;
  /** What "Try again" does; refetches the query unless given. */
  onRetry?: () => void;
};

/** A table of a query's rows, or what went wrong (with a retry) when the query failed. */
export function QueryTable<T extends RowData>({ query, errorTitle, onRetry, ...table }: QueryTableProps<T>) {
  if (query.isError) {
    return (
      <Stack p="md">
        <ErrorAlert error={query.error} title={errorTitle} onRetry={onRetry ?? (() => query.refetch())} />
      </Stack>
    );
  }
  return <DataTable {...table} />;
}

/**
 * A list in a bordered card: an optional toolbar (search, filters), the table or its error,
 * and the pager when `pager` is given.
 */
export function ListTable<T extends RowData>({
  toolbar,
  pager,
  ...table
}: QueryTableProps<T> & {
  toolbar?: ReactNode;
  pager?: ComponentProps<typeof CursorPager> | null;
}) {
  return (
    <Paper withBorder radius="md">
      {toolbar ? (
        <Group gap="xs" p="sm" wrap="wrap" style={{ borderBottom: BORDER }}>
          {toolbar}
        </Group>
      ) : null}
      <QueryTable {...table} />
      {pager ? (
        <div style={{ borderTop: BORDER }}>
          <CursorPager {...pager} />
        </div>
      ) : null}
    </Paper>
  );
}

/** Cursor, page size and sort of a list kept in component state; a new size or sort starts again at page one. */
export function usePaging(initialSort?: string) {
  const [cursor, setCursor] = useState<string | undefined>();
  const [limit, setLimit] = useState(50);
  const [sort, setSort] = useState(initialSort);
  return {
    cursor,
    setCursor,
    limit,
    sort,
    restart: () => setCursor(undefined),
    setLimit: (l: number) => {
      setLimit(l);
      setCursor(undefined);
    },
    setSort: (s: string) => {
      setSort(s);
      setCursor(undefined);
    },
  };
}

/** The pager of a list page kept in `usePaging` state, or null while everything fits on one page. */
export function pagerFor(
  page: { data: unknown[]; nextCursor: string | null } | undefined,
  paging: ReturnType<typeof usePaging>,
): ComponentProps<typeof CursorPager> | null {
  if (!page || !(page.nextCursor || paging.cursor)) return null;
  return {
    cursor: paging.cursor,
    nextCursor: page.nextCursor,
    onCursor: paging.setCursor,
    limit: paging.limit,
    onLimit: paging.setLimit,
    shown: page.data.length,
  };
}

/**
 * The pager of a list page whose cursor and page size live in the URL: shown once the list has
 * rows (or is past its first page); a new size starts again at page one and is left out of the URL
 * when it is the page's default.
 */
export function urlPagerFor(
  page: { data: unknown[]; nextCursor: string | null } | undefined,
  url: {
    cursor: string | undefined;
    limit: number;
    defaultLimit: number;
    setSearch: (patch: { cursor?: string; limit?: number }, keepCursor?: boolean) => void;
  },
): ComponentProps<typeof CursorPager> | null {
  if (!page || !(page.data.length > 0 || url.cursor)) return null;
  return {
    cursor: url.cursor,
    nextCursor: page.nextCursor,
    onCursor: (c) => url.setSearch({ cursor: c }, true),
    limit: url.limit,
    onLimit: (l) => url.setSearch({ limit: l === url.defaultLimit ? undefined : l }),
    shown: page.data.length,
  };
}

/** A search box that sends its text (trimmed; undefined when empty) a moment after typing stops. */
export function SearchInput({
  value,
  onSearch,
  placeholder,
  label,
}: {
  value: string | undefined;
  onSearch: (q: string | undefined) => void;
  placeholder: string;
  label: string;
}) {
  const [q, setQ] = useState(value ?? "");
  useEffect(() => setQ(value ?? ""), [value]);
  const push = useDebouncedCallback((text: string) => onSearch(text.trim() || undefined), 250);
  return (
    <TextInput
      placeholder={placeholder}
      aria-label={label}
      leftSection={<IconSearch size={16} />}
      w={300}
      value={q}
      onChange={(e) => {
        setQ(e.currentTarget.value);
        push(e.currentTarget.value);
      }}
      rightSection={
        q ? (
          <CloseButton
            size="sm"
            aria-label="Clear search"
            onClick={() => {
              setQ("");
              onSearch(undefined);
            }}
          />
        ) : null
      }
    />
  );
}

/** "Clear filters" at the end of a list's toolbar, shown while any filter is set. */
export function ClearFiltersButton({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  return filtered ? (
    <Button variant="subtle" size="sm" leftSection={<IconFilterOff size={14} />} onClick={onClear}>
      Clear filters
    </Button>
  ) : null;
}

/** The empty state of a filtered list: nothing matched, with a way out. */
export function NoMatchesState({ noun, onClear }: { noun: string; onClear: () => void }) {
  return (
    <EmptyState
      icon={<IconFilterOff size={26} />}
      withIndicatorBackground
      title={`No ${noun} match these filters`}
      description="Try a different search or remove a filter."
    >
      <EmptyState.Actions>
        <Button variant="default" onClick={onClear}>
          Clear filters
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
