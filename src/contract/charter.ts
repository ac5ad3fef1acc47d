import { z } from "zod";
import { ZId, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";

/**
 * The customer-success charter (PRODUCT.md capability 17): the team's vision, mission and
 * objectives along the chain adoption → performance and value outcomes → transformation → ROI →
 * advocacy. Versioned: owners and admins write a draft and approve it; the latest approved version
 * is the current charter, shown to every member; approved versions never change (docs/charter.md).
 */

/** The stages objectives are set along, in the chain's order. */
export const CHARTER_STAGES = ["adoption", "outcomes", "transformation", "roi", "advocacy"] as const;
export const ZCharterStage = z.enum(CHARTER_STAGES);
export type CharterStage = z.infer<typeof ZCharterStage>;

export const CHARTER_STAGE_LABELS: Record<CharterStage, string> = {
  adoption: "Adoption",
  outcomes: "Performance and value outcomes",
  transformation: "Transformation",
  roi: "ROI",
  advocacy: "Advocacy",
};

/** Objectives in the chain's order of stages, each stage's in the order written. */
export const inChainOrder = <T extends { stage: CharterStage }>(objectives: T[]): T[] =>
  CHARTER_STAGES.flatMap((stage) => objectives.filter((o) => o.stage === stage));

/** How many objectives a charter may have, and how long its texts may be. */
export const CHARTER_LIMITS = { objectives: 30, statement: 2000, objective: 500, changeNote: 1000 } as const;

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "is required")
    .max(max, `can be at most ${max.toLocaleString("en-US")} characters`);

export const ZCharterObjective = z.strictObject({
  stage: ZCharterStage,
  text: text(CHARTER_LIMITS.objective),
});
export type CharterObjective = z.infer<typeof ZCharterObjective>;

/** How two objectives' texts compare: case, spacing and a closing full stop aside. */
const sameText = (s: string): string =>
  s
    .trim()
    .replace(/\s+/g, " ")
    .replace(/[.!]+$/, "")
    .toLowerCase();

export const ZCharterDraftInput = z
  .strictObject({
    vision: text(CHARTER_LIMITS.statement),
    mission: text(CHARTER_LIMITS.statement),
    /** At least one; several per stage allowed; stored in the chain's order of stages. */
    objectives: z
      .array(ZCharterObjective)
      .min(1, "needs at least one objective")
      .max(CHARTER_LIMITS.objectives, `can have at most ${CHARTER_LIMITS.objectives} objectives`),
    /** What changed and why, for the history. */
    changeNote: z
      .string()
      .trim()
      .max(
        CHARTER_LIMITS.changeNote,
        `can be at most ${CHARTER_LIMITS.changeNote.toLocaleString("en-US")} characters`,
      )
      .nullable()
      .optional(),
  })
  // An objective written twice for one stage is refused at the later one.
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    for (const [i, o] of v.objectives.entries()) {
      const key = `${o.stage}\u001f${sameText(o.text)}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: ["objectives", i, "text"],
          message: "is the same as an earlier objective of this stage",
        });
      }
      seen.add(key);
    }
  });

export type CharterDraftInput = z.input<typeof ZCharterDraftInput>;

const ZPerson = z.object({ userId: ZId, name: z.string() });

export const ZCharterVersion = z.object({
  id: ZId,
  version: z.number().int(),
  status: z.enum(["draft", "approved"]),
  vision: z.string(),
  mission: z.string(),
  objectives: z.array(ZCharterObjective),
  changeNote: z.string().nullable(),
  /** Who wrote it (null once that person's user is deleted). */
  createdBy: ZPerson.nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
  /** Who approved it and when; null for the draft. */
  approvedBy: ZPerson.nullable(),
  approvedAt: ZTimestamp.nullable(),
});
export type CharterVersion = z.infer<typeof ZCharterVersion>;

export const ZCharter = z.object({
  /** The latest approved version; null before the first approval. */
  current: ZCharterVersion.nullable(),
  /** The one draft, if someone is writing the next version. */
  draft: ZCharterVersion.nullable(),
  /** Every approved version, newest first (the current one included). */
  history: z.array(ZCharterVersion),
});
export type Charter = z.infer<typeof ZCharter>;

const tag = "Charter";

export const charterRoutes = {
  getCharter: defineRoute({
    method: "GET",
    path: "/api/v1/charter",
    access: "read",
    tag,
    summary: "The current charter, the draft if any, and every approved version with who approved it",
    response: ZCharter,
  }),
  saveCharterDraft: defineRoute({
    method: "PUT",
    path: "/api/v1/charter/draft",
    access: "admin",
    tag,
    summary: "Create the charter's draft, or replace it (one draft at a time)",
    body: ZCharterDraftInput,
    response: ZCharterVersion,
  }),
  approveCharterDraft: defineRoute({
    method: "POST",
    path: "/api/v1/charter/draft/approve",
    access: "admin",
    tag,
    summary: "Approve the draft: it becomes the current charter (409 when there is no draft)",
    response: ZCharterVersion,
  }),
  discardCharterDraft: defineRoute({
    method: "DELETE",
    path: "/api/v1/charter/draft",
    access: "admin",
    tag,
    summary: "Discard the draft (nothing to do when there is none)",
    response: null,
    status: 204,
  }),
} as const;
