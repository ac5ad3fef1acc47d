import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type RouteBodyIn, routes, type Source } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate } from "../../lib/query.ts";

export type SourceBody = RouteBodyIn<typeof routes.createSource>;

/** Creates a source (the answer carries its write key, shown once) or saves `source`. */
export function useSaveSource(source: Source | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: SourceBody) =>
      source
        ? { edited: await api(routes.updateSource, { params: { id: source.id }, body }) }
        : { created: await api(routes.createSource, { body }) },
    onSuccess: () => invalidate(qc, routes.listSources.path),
  });
}
