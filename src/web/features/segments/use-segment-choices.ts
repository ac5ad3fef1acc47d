import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { routes, type SegmentEntity } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import type { FilterOption } from "../../ui/FilterMenu.tsx";

/**
 * The segments a list (accounts or contacts) can be filtered by, as the filter's options. A
 * segment in the URL that no longer exists is still offered, named as such, so the filter shows
 * what is set and can be cleared.
 */
export function useSegmentChoices(entity: SegmentEntity, chosen: string | undefined) {
  const list = useQuery(apiQuery(routes.listSegments, { query: { entity } }));
  const options = useMemo((): FilterOption[] => {
    const found = (list.data?.data ?? []).map((s) => ({ value: s.id, label: s.name }));
    if (chosen && list.data && !found.some((o) => o.value === chosen)) {
      found.unshift({ value: chosen, label: "A deleted segment" });
    }
    return found;
  }, [list.data, chosen]);
  return {
    options,
    loading: list.isLoading,
    /** The chosen segment's name, for sentences about the list's filter. */
    chosenName: chosen ? options.find((o) => o.value === chosen)?.label : undefined,
  };
}
