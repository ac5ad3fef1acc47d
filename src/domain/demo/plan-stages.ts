import { addDays, daysBetween } from "../../common/dates.ts";

/** The stages a customer moves through, in order, and roughly when (days after it became one). */
const PATH = [
  ["onboarding", 0],
  ["adoption", 45],
  ["value", 120],
  ["transformation", 240],
  ["roi", 330],
  ["advocacy", 420],
] as const;

export type StageStep = { from: string | null; to: string; day: string };

/**
 * The path an account took to its stage: through the usual stages on the usual days since it
 * became a customer, squeezed into the time it has had (the last change a few days ago at the
 * latest); a renewal stage entered 60 days before now after value, a churn on the day its last
 * subscription ended after adoption.
 */
export function planStages(
  a: { stage: string; start: string; ended: string | null },
  today: string,
): StageStep[] {
  const last = addDays(today, -3);
  const span = Math.max(1, daysBetween(a.start, last));
  const upTo = (stage: string) => PATH.slice(0, PATH.findIndex(([s]) => s === stage) + 1);
  const path =
    a.stage === "renewal" ? upTo("value") : a.stage === "churned" ? upTo("adoption") : upTo(a.stage);
  const finalDays = path[path.length - 1]?.[1] ?? 0;
  const squeeze = finalDays > span ? span / finalDays : 1;
  const steps: StageStep[] = path.map(([to, d], i) => ({
    from: i === 0 ? null : (path[i - 1]?.[0] ?? null),
    to,
    day: addDays(a.start, Math.round(d * squeeze)),
  }));
  const previous = steps[steps.length - 1];
  const after = (day: string) => (previous && day <= previous.day ? addDays(previous.day, 1) : day);
  if (a.stage === "renewal") steps.push({ from: "value", to: "renewal", day: after(addDays(today, -60)) });
  if (a.stage === "churned") {
    steps.push({ from: "adoption", to: "churned", day: after(a.ended && a.ended < today ? a.ended : last) });
  }
  // A customer that starts in the future (a trial, say) entered its first stage today.
  return steps.map((s) => (s.day > today ? { ...s, day: today } : s));
}
