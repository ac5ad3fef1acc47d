import { FilterMenu, splitList } from "../../ui/FilterMenu.tsx";
import { useSegmentChoices } from "./use-segment-choices.ts";

/** A filter to one account segment (its members at the last refresh), for analytics pages. */
export function AccountSegmentFilter({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (segment: string | undefined) => void;
}) {
  const segments = useSegmentChoices("account", value);
  return (
    <FilterMenu
      label="Segment"
      single
      options={segments.options}
      value={splitList(value)}
      onChange={(v) => onChange(v[0])}
      loading={segments.loading}
      empty="No account segments yet: build one on the Segments page."
    />
  );
}
