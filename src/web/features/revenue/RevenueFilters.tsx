import { Group, SegmentedControl, TextInput } from "@mantine/core";
import { getRouteApi } from "@tanstack/react-router";
import { apiIssues, issuesToFormErrors } from "../../lib/issues.ts";
import type { PeriodSearch } from "../../router.tsx";
import { FilterMenu, splitList } from "../../ui/FilterMenu.tsx";
import { useSegmentChoices } from "../segments/use-segment-choices.ts";
import { PERIOD_LABELS, PERIOD_PRESETS, type PeriodPreset, type RevenuePeriod } from "./revenueView.ts";

const route = getRouteApi("/_app/revenue");

/** The server's refusal of the period (`query.to` "must not be before from") at the month it names. */
const periodErrors = (error: unknown) =>
  issuesToFormErrors(
    apiIssues(error).map((i) => ({ ...i, path: i.path.replace(/^query\./, "") })),
    { from: "From", to: "To" },
  );

/**
 * The period (a preset or custom months) and the segment, all in the URL. Picking Custom starts
 * from the months shown, so the figures stay put until a month is changed.
 */
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
  const segments = useSegmentChoices("account", search.segment);
  const preset: PeriodPreset = search.period ?? "12m";
  const errors = periodErrors(error);

  const choose = (next: PeriodPreset) =>
    next === "custom"
      ? set({ period: "custom", from: period.first, to: period.last })
      : set({ period: next === "12m" ? undefined : next, from: undefined, to: undefined });

  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap">
      <SegmentedControl
        aria-label="Period"
        value={preset}
        onChange={(v) => choose(v as PeriodPreset)}
        data={PERIOD_PRESETS.map((p) => ({ value: p, label: PERIOD_LABELS[p] }))}
      />
      {preset === "custom" ? (
        <>
          <TextInput
            type="month"
            label="From"
            size="sm"
            w={170}
            value={search.from ?? period.first}
            onChange={(e) => set({ from: e.currentTarget.value || undefined })}
            error={errors.from}
          />
          <TextInput
            type="month"
            label="To"
            size="sm"
            w={170}
            value={search.to ?? period.last}
            onChange={(e) => set({ to: e.currentTarget.value || undefined })}
            error={errors.to}
          />
        </>
      ) : null}
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
