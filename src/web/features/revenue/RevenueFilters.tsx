import { Group } from "@mantine/core";
import { getRouteApi } from "@tanstack/react-router";
import type { PeriodSearch } from "../../router.tsx";
import { AccountSegmentFilter } from "../segments/SegmentFilter.tsx";
import { PeriodPicker } from "./PeriodPicker.tsx";
import { PERIOD_LABELS, PERIOD_PRESETS, type PeriodPreset, type RevenuePeriod } from "./revenueView.ts";

const route = getRouteApi("/_app/revenue");

/** The Revenue page's period (a preset or custom months) and segment, all in the URL. */
export function RevenueFilters({ period, error }: { period: RevenuePeriod; error: unknown }) {
  const navigate = route.useNavigate();
  return (
    <PeriodFilters
      search={route.useSearch()}
      onChange={(patch) => navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true })}
      period={period}
      error={error}
    />
  );
}

/**
 * The same for any page whose figures cover a period and a segment (Revenue, Advocacy): `error`
 * is the figures' failure, whose refusal of the months shows at the month it names.
 */
export function PeriodFilters({
  search,
  onChange: set,
  period,
  error,
}: {
  search: PeriodSearch;
  onChange: (patch: PeriodSearch) => void;
  period: RevenuePeriod;
  error: unknown;
}) {
  const preset: PeriodPreset = search.period ?? "12m";
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
