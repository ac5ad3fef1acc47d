import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { routes } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";

/** Every playbook (archived ones too, so a rule that names one still reads), by id and as options. */
export function usePlaybookChoices() {
  const q = useQuery(apiQuery(routes.listPlaybooks, { query: { archived: "all" } }));
  return useMemo(() => {
    const all = q.data?.data ?? [];
    const names = new Map(all.map((p) => [p.id, p.name]));
    return {
      loading: q.isPending,
      nameOf: (id: string) => names.get(id),
      options: all.filter((p) => !p.archived).map((p) => ({ value: p.id, label: p.name })),
    };
  }, [q.data, q.isPending]);
}
