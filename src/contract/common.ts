import { z } from "zod";
import { currencyProblem } from "../common/currency.ts";
import { API_SCOPES, FUNCTIONS, ROLES } from "../common/roles.ts";

export const ZId = z.uuid({ message: "must be a UUID" });
export const ZIdParams = z.strictObject({ id: ZId });
// Year 0000 is valid ISO text but not a PostgreSQL date.
const notYearZero = (v: string) => !v.startsWith("0000");
export const ZDate = z.iso
  .date({ message: "must be a date as YYYY-MM-DD" })
  .refine(notYearZero, "must be a date from year 0001 on");
export const ZTimestamp = z.iso.datetime({ offset: true }).refine(notYearZero, "must be from year 0001 on");
/** A stored currency as responses carry it. */
export const ZCurrency = z.string().regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code such as USD");

/**
 * A currency a client sends: an ISO 4217 code the runtime knows, in capitals. `usd` is refused with
 * the hint to write USD rather than upper-cased here, so the API stores exactly what it was sent
 * (CSV imports read a lower-case code as the same code; see src/domain/imports/README.md).
 */
export const ZCurrencyCode = z.string().superRefine((v, ctx) => {
  const message = currencyProblem(v);
  if (message) ctx.addIssue({ code: "custom", message, params: { code: "invalid_currency" } });
});

/**
 * A business date (a contract's start, end or renewal): a real date from 1970 to 2200. Earlier or
 * later years are typing slips (1900 for 2026), not contracts.
 */
export const ZBusinessDate = ZDate.refine((v) => v >= "1970-01-01" && v <= "2200-12-31", {
  message: "must be a date between 1970 and 2200",
  params: { code: "date_out_of_range" },
});

// Letters (any script), digits and inner hyphens per label; at least two labels; no scheme, path,
// port, spaces or punctuation.
const HOST_NAME =
  /^(?=.{1,253}$)(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu;

/**
 * An account's web domain, such as `acme.com` or `sub.acme.co.uk`, kept as written. A URL
 * (`https://acme.com/`) is refused with the host name to use instead, never rewritten silently.
 */
export const ZDomainName = z
  .string()
  .trim()
  .max(253)
  .superRefine((v, ctx) => {
    if (HOST_NAME.test(v)) return;
    const host = hostOfUrl(v);
    const message = host
      ? `must be a domain without https:// or a path, such as ${host}`
      : "must be a domain such as acme.com (letters, digits, hyphens and dots only)";
    ctx.addIssue({ code: "custom", message, params: { code: "invalid_domain" } });
  });

/** The host of something typed as a URL (`https://acme.com/`, `acme.com/pricing`), for the hint. */
const hostOfUrl = (v: string): string | null => {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)?([^/?#:\s]+)(:\d+)?([/?#]\S*)?$/i.exec(v);
  if (!m?.[2] || !(m[1] || m[3] || m[4])) return null;
  return HOST_NAME.test(m[2]) ? m[2] : null;
};

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
