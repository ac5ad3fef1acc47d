import { SegmentedControl, TextInput } from "@mantine/core";
import { apiIssues, issuesToFormErrors } from "../../lib/issues.ts";

/** The server's refusal of a period (`query.to` "must not be before from") at the month it names. */
export const periodErrors = (error: unknown): Record<string, string> =>
  issuesToFormErrors(
    apiIssues(error).map((i) => ({ ...i, path: i.path.replace(/^query\./, "") })),
    { from: "From", to: "To" },
  );

/** A change of the period for the URL: the preset (left out when it is the default) and custom months. */
export type PeriodChange<P extends string> = { period?: P; from?: string; to?: string };

/**
 * A period of whole months: a preset, or Custom with its first and last months, kept by the
 * caller (in the URL). The default preset stays out of the URL; picking Custom
 * starts from the months shown (`first`, `last`), so the figures stay put until a month is changed.
 */
export function PeriodPicker<P extends string, D extends P>({
  presets,
  defaultPreset,
  labels,
  preset,
  first,
  last,
  custom,
  error,
  onChange,
}: {
  presets: readonly P[];
  defaultPreset: D;
  labels: Record<P, string>;
  preset: P;
  /** The months the period shows, `YYYY-MM`. */
  first: string;
  last: string;
  /** The custom months in the URL. */
  custom: { from?: string; to?: string };
  /** The failed query, whose refusal of a month shows at it. */
  error: unknown;
  onChange: (change: PeriodChange<Exclude<P, D>>) => void;
}) {
  const choose = (next: P) =>
    onChange(
      next === "custom"
        ? { period: next as Exclude<P, D>, from: first, to: last }
        : {
            period: next === defaultPreset ? undefined : (next as Exclude<P, D>),
            from: undefined,
            to: undefined,
          },
    );
  const from = custom.from ?? first;
  const to = custom.to ?? last;
  const errors = periodErrors(error);
  return (
    <>
      <SegmentedControl
        aria-label="Period"
        value={preset}
        onChange={(v) => choose(v as P)}
        data={presets.map((p) => ({ value: p, label: labels[p] }))}
      />
      {preset === "custom"
        ? (
            [
              ["from", "From", from],
              ["to", "To", to],
            ] as const
          ).map(([key, label, value]) => (
            <TextInput
              key={key}
              type="month"
              label={label}
              size="sm"
              w={170}
              value={value}
              onChange={(e) => onChange({ [key]: e.currentTarget.value || undefined })}
              error={errors[key]}
            />
          ))
        : null}
    </>
  );
}
