import { Group, Skeleton, Text } from "@mantine/core";
import type { TablerIcon } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { ErrorAlert } from "./ErrorAlert.tsx";

type Loaded = {
  isError: boolean;
  isPending: boolean;
  isSuccess: boolean;
  error: unknown;
  refetch: () => unknown;
};

/**
 * Above a card's list read by a query: what went wrong (with a retry), a placeholder while it loads,
 * or — loaded and empty — what that means and what to do next.
 */
export function QueryListState({
  query,
  errorTitle,
  isEmpty,
  icon: EmptyIcon,
  empty,
}: {
  query: Loaded;
  errorTitle: string;
  isEmpty: boolean;
  icon: TablerIcon;
  empty: ReactNode;
}) {
  return (
    <>
      {query.isError ? (
        <ErrorAlert error={query.error} title={errorTitle} onRetry={() => query.refetch()} />
      ) : null}
      {query.isPending ? <Skeleton h={60} /> : null}
      {query.isSuccess && isEmpty ? (
        <Group gap={8} wrap="nowrap">
          <EmptyIcon size={18} color="var(--mantine-color-dimmed)" />
          <Text size="sm" c="dimmed">
            {empty}
          </Text>
        </Group>
      ) : null}
    </>
  );
}
