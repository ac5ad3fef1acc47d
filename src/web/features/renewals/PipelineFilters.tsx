import { Group, SegmentedControl } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import {
  FORECAST_CALLS,
  type ForecastCall,
  RENEWAL_STAGES,
  type RenewalStage,
  routes,
} from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { FilterMenu, splitList } from "../../ui/FilterMenu.tsx";
import { AccountSegmentFilter } from "../segments/SegmentFilter.tsx";
import {
  CALL_LABELS,
  DEFAULT_WINDOW,
  type RenewalsSearch,
  type RenewalWindow,
  STAGE_LABELS,
  WINDOWS,
} from "./renewalsView.ts";

const route = getRouteApi("/_app/renewals");

/**
 * The pipeline's window (days from today) and its filters — segment, owner (or none), stage and
 * the model's category — all in the URL, so a link shows the same renewals.
 */
export function PipelineFilters() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const facets = useQuery(apiQuery(routes.accountFacets, {}));
  const set = (patch: Partial<RenewalsSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const owners = [
    { value: "none", label: "No owner" },
    ...(facets.data?.owners ?? []).map((o) => ({ value: o.id, label: o.name })),
  ];

  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap">
      <SegmentedControl
        aria-label="Window"
        value={String(search.days ?? DEFAULT_WINDOW)}
        onChange={(v) => {
          const days = Number(v) as RenewalWindow;
          set({ days: days === DEFAULT_WINDOW ? undefined : days });
        }}
        data={WINDOWS.map((w) => ({ value: String(w), label: `${w} days` }))}
      />
      <AccountSegmentFilter value={search.segment} onChange={(segment) => set({ segment })} />
      <FilterMenu
        label="Owner"
        single
        options={owners}
        value={splitList(search.owner)}
        onChange={(v) => set({ owner: v[0] })}
        loading={facets.isLoading}
      />
      <FilterMenu
        label="Stage"
        single
        options={RENEWAL_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
        value={splitList(search.stage)}
        onChange={(v) => set({ stage: v[0] as RenewalStage | undefined })}
      />
      <FilterMenu
        label="Forecast"
        single
        options={FORECAST_CALLS.map((c) => ({ value: c, label: CALL_LABELS[c] }))}
        value={splitList(search.forecast)}
        onChange={(v) => set({ forecast: v[0] as ForecastCall | undefined })}
      />
    </Group>
  );
}
