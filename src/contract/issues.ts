import type { z } from "zod";

/**
 * One problem with a request, as the API reports it in `details.issues`: where (`path`, dot-joined,
 * "" for the request as a whole), what kind (`code`, zod's issue code, for programs) and what to do
 * (`message`, plain words for people). A field's message is written to follow the field's name
 * ("is required", "can be at most 200 characters"), so a form can put its own label in front.
 */
export type Issue = { path: string; code: string; message: string };

type RawIssue = z.core.$ZodRawIssue;

const count = (n: number | bigint): string => Number(n).toLocaleString("en-US");
const plural = (n: number | bigint, one: string, many = `${one}s`): string =>
  `${count(n)} ${Number(n) === 1 ? one : many}`;

const FORMAT_MESSAGES: Record<string, string> = {
  email: "must be an email address",
  url: "must be a web address such as https://example.com",
  uuid: "must be a UUID",
  date: "must be a date as YYYY-MM-DD",
  datetime: "must be a date and time such as 2026-01-31T09:00:00Z",
  time: "must be a time such as 09:30",
  regex: "is not in the expected format",
};

const TYPE_MESSAGES: Record<string, string> = {
  number: "must be a number",
  int: "must be a whole number",
  boolean: "must be true or false",
  string: "must be text",
  array: "must be a list",
  object: "must be an object",
  date: "must be a date",
};

const tooSmall = (iss: Extract<RawIssue, { code: "too_small" }>): string => {
  const { origin, minimum, inclusive } = iss;
  if (origin === "string") {
    return Number(minimum) <= 1 ? "is required" : `must be at least ${plural(minimum, "character")}`;
  }
  if (origin === "array" || origin === "set") {
    return Number(minimum) <= 1 ? "needs at least one item" : `needs at least ${plural(minimum, "item")}`;
  }
  if (origin === "date") return `must be on or after ${String(minimum)}`;
  return inclusive ? `must be at least ${count(minimum)}` : `must be more than ${count(minimum)}`;
};

const tooBig = (iss: Extract<RawIssue, { code: "too_big" }>): string => {
  const { origin, maximum, inclusive } = iss;
  if (origin === "string") return `can be at most ${plural(maximum, "character")}`;
  if (origin === "array" || origin === "set") return `can have at most ${plural(maximum, "item")}`;
  if (origin === "date") return `must be on or before ${String(maximum)}`;
  if (origin === "file") return `can be at most ${count(maximum)} bytes`;
  return inclusive ? `can be at most ${count(maximum)}` : `must be less than ${count(maximum)}`;
};

const listed = (values: readonly unknown[]): string =>
  values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");

/**
 * The plain-words message for one zod issue. Used as the `error` option of `safeParse`, so a
 * message written into a schema (`z.uuid({ message })`, a `refine`) still wins over these.
 */
export const issueMessage = (iss: RawIssue): string => {
  switch (iss.code) {
    case "invalid_type":
      if (iss.input === undefined || iss.input === null) return "is required";
      return TYPE_MESSAGES[iss.expected] ?? `must be of type ${iss.expected}`;
    case "too_small":
      return tooSmall(iss);
    case "too_big":
      return tooBig(iss);
    case "invalid_format":
      return FORMAT_MESSAGES[iss.format] ?? `must be in ${iss.format} format`;
    case "invalid_value":
      return iss.values.length === 1
        ? `must be ${listed(iss.values)}`
        : `must be one of: ${listed(iss.values)}`;
    case "not_multiple_of":
      return `must be a multiple of ${count(iss.divisor as number)}`;
    case "unrecognized_keys":
      return `${iss.keys.length === 1 ? "Unknown field" : "Unknown fields"}: ${iss.keys.join(", ")}`;
    case "invalid_union":
      return "is not any of the accepted kinds of value";
    case "invalid_key":
      return "has a key that is not allowed";
    case "invalid_element":
      return "has a value that is not allowed";
    default:
      return "is not valid";
  }
};

/** The issues of a failed parse in the API's shape; `prefix` names the part ("query", "params"). */
export const issuesOf = (error: z.ZodError, prefix = ""): Issue[] =>
  error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join("."),
    code: i.code,
    message: i.message,
  }));

/** One sentence listing the issues, for the top-level error message of the answer. */
export const issuesSummary = (issues: Issue[], max = 5): string => {
  const shown = issues.slice(0, max).map((i) => (i.path ? `${i.path} ${i.message}` : i.message));
  const more = issues.length > max ? `; and ${issues.length - max} more` : "";
  return shown.join("; ") + more;
};
