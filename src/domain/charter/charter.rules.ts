import type { CharterObjective, CharterVersion } from "../../contract/charter.ts";
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
