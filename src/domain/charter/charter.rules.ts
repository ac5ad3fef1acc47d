import { CHARTER_STAGES, type CharterObjective, type CharterVersion } from "../../contract/charter.ts";
import type { CharterRow } from "./charter.queries.ts";

const iso = (d: Date | string): string => new Date(d).toISOString();
const person = (id: string | null, name: string | null) =>
  id && name !== null ? { userId: id, name } : null;

export const toCharterVersion = (r: CharterRow): CharterVersion => ({
  id: r.id,
  version: r.version,
  status: r.status === "approved" ? "approved" : "draft",
  vision: r.vision,
  mission: r.mission,
  objectives: r.objectives as CharterObjective[],
  changeNote: r.changeNote,
  createdBy: person(r.createdBy, r.createdByName),
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  approvedBy: person(r.approvedBy, r.approvedByName),
  approvedAt: r.approvedAt === null ? null : iso(r.approvedAt),
});

/** How two objectives' texts compare: case, spacing and a closing full stop aside. */
const sameText = (s: string): string =>
  s
    .trim()
    .replace(/\s+/g, " ")
    .replace(/[.!]+$/, "")
    .toLowerCase();

/**
 * An objective written twice for the same stage, as an issue at the later one's text (the first
 * found); null when every objective is its own.
 */
export function repeatedObjective(objectives: CharterObjective[]): { path: string; message: string } | null {
  const seen = new Map<string, number>();
  for (const [i, o] of objectives.entries()) {
    const key = `${o.stage}\u001f${sameText(o.text)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      return { path: `objectives.${i}.text`, message: `is the same as objective ${first + 1}` };
    }
    seen.set(key, i);
  }
  return null;
}

/** The objectives in the chain's order of stages, each stage's in the order written. */
export const inChainOrder = (objectives: CharterObjective[]): CharterObjective[] =>
  CHARTER_STAGES.flatMap((stage) => objectives.filter((o) => o.stage === stage));
