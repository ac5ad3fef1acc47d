import { Group } from "@mantine/core";
import { getRouteApi } from "@tanstack/react-router";
import type { RevenueSearch } from "../../router.tsx";
import { FilterMenu, splitList } from "../../ui/FilterMenu.tsx";
import { useSegmentChoices } from "../segments/use-segment-choices.ts";
import { PeriodPicker } from "./PeriodPicker.tsx";
import { PERIOD_LABELS, PERIOD_PRESETS, type PeriodPreset, type RevenuePeriod } from "./revenueView.ts";

const route = getRouteApi("/_app/revenue");

/**
 * The period (a preset or custom months) and the segment, all in the URL. Picking Custom starts
 * from the months shown, so the figures stay put until a month is changed.
 */
export function RevenueFilters({ period, error }: { period: RevenuePeriod; error: unknown }) {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const segments = useSegmentChoices("account", search.segment);
  const preset: PeriodPreset = search.period ?? "12m";
  const set = (patch: Partial<RevenueSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const choose = (next: PeriodPreset) =>
    next === "custom"
      ? set({ period: "custom", from: period.first, to: period.last })
      : set({ period: next === "12m" ? undefined : next, from: undefined, to: undefined });

  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap">
      <PeriodPicker
        presets={PERIOD_PRESETS}
        labels={PERIOD_LABELS}
        preset={preset}
        from={search.from ?? period.first}
        to={search.to ?? period.last}
        error={error}
        onPreset={choose}
        onMonths={set}
      />
      <FilterMenu
        label="Segment"
        single
        options={segments.options}
        value={splitList(search.segment)}
        onChange={(v) => set({ segment: v[0] })}
        loading={segments.loading}
        empty="No account segments yet: build one on the Segments page."
      />
    </Group>
  );
}
