import type { UseQueryResult } from "@tanstack/react-query";
import { Fragment, type ReactNode } from "react";
import { DetailSkeleton } from "./DetailSkeleton.tsx";
import { RecordLoadError } from "./RecordLoadError.tsx";

type ListPath = Parameters<typeof RecordLoadError>[0]["list"];

/**
 * A record's detail page: the way back and what went wrong when it fails to load, a skeleton while
 * it loads, then its editor (`?edit=true`, for those who may) or its view. `leave` ends editing.
 */
export function RecordPage<T extends { id: string }>({
  query,
  list,
  listLabel,
  loadErrorTitle,
  edit,
  leave,
  editor,
  view,
}: {
  query: UseQueryResult<T>;
  list: ListPath;
  listLabel: string;
  loadErrorTitle: string;
  edit: boolean;
  leave: () => void;
  editor: (record: T, leave: () => void) => ReactNode;
  view: (record: T) => ReactNode;
}) {
  if (query.isError) {
    return (
      <RecordLoadError
        list={list}
        listLabel={listLabel}
        error={query.error}
        title={loadErrorTitle}
        onRetry={() => query.refetch()}
      />
    );
  }
  if (!query.data) return <DetailSkeleton />;
  // Keyed by the record, so moving to another one starts its view and editor afresh.
  return <Fragment key={query.data.id}>{edit ? editor(query.data, leave) : view(query.data)}</Fragment>;
}
