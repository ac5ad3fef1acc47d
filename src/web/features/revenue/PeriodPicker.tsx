import { SegmentedControl, TextInput } from "@mantine/core";
import { apiIssues, issuesToFormErrors } from "../../lib/issues.ts";

/** The server's refusal of a period (`query.to` "must not be before from") at the month it names. */
export const periodErrors = (error: unknown): Record<string, string> =>
  issuesToFormErrors(
    apiIssues(error).map((i) => ({ ...i, path: i.path.replace(/^query\./, "") })),
    { from: "From", to: "To" },
  );

/**
 * A period of whole months: a preset, or Custom with its first and last months. The caller keeps
 * the choice (in the URL) and says which months Custom shows.
 */
export function PeriodPicker<P extends string>({
  presets,
  labels,
  preset,
  from,
  to,
  error,
  onPreset,
  onMonths,
}: {
  presets: readonly P[];
  labels: Record<P, string>;
  preset: P;
  /** The custom period's months, `YYYY-MM`. */
  from: string;
  to: string;
  /** The failed query, whose refusal of a month shows at it. */
  error: unknown;
  onPreset: (preset: P) => void;
  onMonths: (months: { from?: string; to?: string }) => void;
}) {
  const errors = periodErrors(error);
  return (
    <>
      <SegmentedControl
        aria-label="Period"
        value={preset}
        onChange={(v) => onPreset(v as P)}
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
              onChange={(e) => onMonths({ [key]: e.currentTarget.value || undefined })}
              error={errors[key]}
            />
          ))
        : null}
    </>
  );
}
