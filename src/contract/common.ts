import { z } from "zod";
import { API_SCOPES, FUNCTIONS, ROLES } from "../common/roles.ts";

export const ZId = z.uuid({ message: "must be a UUID" });
export const ZIdParams = z.strictObject({ id: ZId });
// Year 0000 is valid ISO text but not a PostgreSQL date.
const notYearZero = (v: string) => !v.startsWith("0000");
export const ZDate = z.iso
  .date({ message: "must be a date as YYYY-MM-DD" })
  .refine(notYearZero, "must be a date from year 0001 on");
export const ZTimestamp = z.iso.datetime({ offset: true }).refine(notYearZero, "must be from year 0001 on");
export const ZCurrency = z.string().regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code such as USD");
export const ZRole = z.enum(ROLES);
export const ZFunction = z.enum(FUNCTIONS);
export const ZScope = z.enum(API_SCOPES);

export const ZCustomFieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const ZCustomFields = z.record(z.string(), ZCustomFieldValue);

/** A query value that may be given once, several times, or comma-separated. */
export const ZList = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(","))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

export const ZPageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  // Room for a long sort value (a 200-character name in multi-byte text, base64-encoded).
  cursor: z.string().max(4096).optional(),
};

/** Sort parameter: a field name, `-` in front for descending. */
export const ZSort = <const T extends readonly [string, ...string[]]>(
  fields: T,
  fallback: T[number] | `-${T[number]}`,
) => {
  const values = fields.flatMap((f) => [f, `-${f}`]) as [string, ...string[]];
  return z
    .enum(values)
    .default(fallback)
    .transform((s) => ({ field: s.replace(/^-/, "") as T[number], desc: s.startsWith("-") }));
};

export const ZPage = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const ZErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const ZOk = z.object({ ok: z.literal(true) });
