import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { FilterGroup, RouteBodyIn, SegmentEntity } from "../../../contract/index.ts";
import { routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { apiIssues } from "../../lib/issues.ts";

type PreviewBody = RouteBodyIn<typeof routes.previewSegment>;

/** How long the filter must stay still before it is counted: a count per keystroke helps nobody. */
const SETTLE_MS = 400;

/**
 * The live count of a filter being edited: counted once the filter has been still for a moment and
 * every condition is complete (`ready`), nothing saved. The last count stays on screen, marked as
 * pending, while a new one is on its way. `issues` are the server's reasons for refusing the
 * filter on screen (none while that answer is not in yet).
 */
export function useSegmentPreview(entity: SegmentEntity, filter: FilterGroup, ready: boolean) {
  const body = ready ? JSON.stringify({ entity, filter } satisfies PreviewBody) : null;
  const [settled] = useDebouncedValue(body, SETTLE_MS);
  const query = useQuery({
    // Keyed by the body itself: going back to a filter already counted shows its count at once.
    queryKey: [routes.previewSegment.path, null, settled],
    queryFn: ({ signal }) =>
      api(routes.previewSegment, { body: JSON.parse(settled as string) as PreviewBody, signal }),
    enabled: settled !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 15_000,
  });
  // The answer shown is for the filter on screen (not one edited since, nor still being counted).
  const current = ready && settled === body && !query.isFetching;
  return {
    data: query.data,
    error: current && query.isError ? query.error : null,
    issues: current && query.isError ? apiIssues(query.error) : [],
    pending: ready && !current,
    current,
    refetch: query.refetch,
  };
}
