import { Skeleton, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import { ErrorAlert } from "./ErrorAlert.tsx";

type Answer<T> = {
  data: T | undefined;
  isError: boolean;
  isPending: boolean;
  isPlaceholderData: boolean;
  error: unknown;
  refetch: () => unknown;
};

/**
 * The part of a page drawn from one query: what went wrong (with a retry) unless the error shows
 * elsewhere (a refused filter at its field), a skeleton while the first answer loads, then the
 * answer — dimmed while the next one loads, so the page does not blank at each change of filter.
 */
export function QueryAnswer<T>({
  query,
  errorTitle,
  showError = true,
  height = 360,
  children,
}: {
  query: Answer<T>;
  errorTitle: string;
  showError?: boolean;
  /** Of the skeleton. */
  height?: number;
  children: (data: T) => ReactNode;
}) {
  return (
    <>
      {query.isError && showError ? (
        <ErrorAlert error={query.error} title={errorTitle} onRetry={() => query.refetch()} />
      ) : null}
      {query.data === undefined && query.isPending ? <Skeleton h={height} radius="md" /> : null}
      {query.data !== undefined ? (
        <Stack gap="md" style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}>
          {children(query.data)}
        </Stack>
      ) : null}
    </>
  );
}
