/** Raw events live in one partition per UTC month, named `usage_events_pYYYYMM`. */

export type Month = { year: number; month: number };

export const monthOf = (d: Date): Month => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 });

export const addMonths = (m: Month, n: number): Month => {
  const i = m.year * 12 + (m.month - 1) + n;
  return { year: Math.floor(i / 12), month: (i % 12) + 1 };
};

export const compareMonths = (a: Month, b: Month): number => a.year * 12 + a.month - (b.year * 12 + b.month);

export const partitionName = (m: Month): string =>
  `usage_events_p${m.year}${String(m.month).padStart(2, "0")}`;

export const parsePartitionName = (name: string): Month | null => {
  const m = /^usage_events_p(\d{4})(\d{2})$/.exec(name);
  return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
};

/** The first instant of the month and of the next, as ISO text. */
export const monthBounds = (m: Month): [string, string] => {
  const next = addMonths(m, 1);
  return [
    new Date(Date.UTC(m.year, m.month - 1, 1)).toISOString(),
    new Date(Date.UTC(next.year, next.month - 1, 1)).toISOString(),
  ];
};

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = from; compareMonths(m, to) <= 0; m = addMonths(m, 1)) out.push(m);
  return out;
}
