/** Figures a benchmark prints: JSON lines for machines, a table with targets for people. */

export type Check = {
  db: string;
  what: string;
  value: number | null;
  unit: string;
  /** `>=` or `<` against the target; `report` when there is no target. */
  op: ">=" | "<" | "=" | "report";
  target: number | null;
};

export const met = (c: Check): boolean | null => {
  if (c.op === "report" || c.value === null || c.target === null) return null;
  if (c.op === ">=") return c.value >= c.target;
  if (c.op === "<") return c.value < c.target;
  return c.value === c.target;
};

/** One JSON line, named by its benchmark (`ingest`, `start`). */
export function jsonLine(bench: string, record: Record<string, unknown>): void {
  console.log(JSON.stringify({ bench, ...record }));
}

const fmt = (v: number | null, unit: string) => {
  if (v === null) return "-";
  if (unit === "ratio") return `${(v * 100).toFixed(1)}%`;
  return `${v.toLocaleString("en")} ${unit}`;
};

export function printChecks(bench: string, checks: Check[]): void {
  console.table(
    checks.map((c) => {
      const ok = met(c);
      return {
        db: c.db,
        figure: c.what,
        value: fmt(c.value, c.unit),
        target: c.op === "report" ? "(report)" : `${c.op} ${fmt(c.target, c.unit)}`,
        met: ok === null ? "-" : ok ? "met" : "NOT MET",
      };
    }),
  );
  for (const c of checks) {
    jsonLine(bench, {
      type: "check",
      db: c.db,
      figure: c.what,
      value: c.value,
      unit: c.unit,
      op: c.op,
      target: c.target,
      met: met(c),
    });
  }
}

/**
 * Times a benchmark's set-up steps: `timed(name, work)` runs one, logs it and keeps its seconds in
 * `steps` (tenths).
 */
export function stepTimer(log: (msg: string) => void) {
  const steps: Record<string, number> = {};
  const timed = async (name: string, work: () => Promise<unknown>) => {
    const t = performance.now();
    await work();
    steps[name] = Number(((performance.now() - t) / 1000).toFixed(1));
    log(`data: ${name} in ${steps[name]} s`);
  };
  return { steps, timed };
}
