import { Group } from "@mantine/core";
import { getRouteApi } from "@tanstack/react-router";
import type { RevenueSearch } from "../../router.tsx";
import { AccountSegmentFilter } from "../segments/SegmentFilter.tsx";
import { PeriodPicker } from "./PeriodPicker.tsx";
import { PERIOD_LABELS, PERIOD_PRESETS, type PeriodPreset, type RevenuePeriod } from "./revenueView.ts";

const route = getRouteApi("/_app/revenue");

/**
 * The period (a preset or custom months) and the segment, all in the URL.
 */
export function RevenueFilters({ period, error }: { period: RevenuePeriod; error: unknown }) {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const preset: PeriodPreset = search.period ?? "12m";
  const set = (patch: Partial<RevenueSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap">
      <PeriodPicker
        presets={PERIOD_PRESETS}
        defaultPreset="12m"
        labels={PERIOD_LABELS}
        preset={preset}
        first={period.first}
        last={period.last}
        custom={search}
        error={error}
        onChange={set}
      />
      <AccountSegmentFilter value={search.segment} onChange={(segment) => set({ segment })} />
    </Group>
  );
}
