import type { z } from "zod";
import { type Issue, issueMessage, issuesOf } from "../../contract/index.ts";

export type { Issue };

/** The form-level slot of a form's errors: problems that belong to no single field. */
export const FORM_ERROR = "_form";

/** Field path → the label the form shows for it ("body" → "Notes"). */
export type FieldLabels = Record<string, string>;

// Messages written to follow a field's name ("is required", "can be at most 200 characters",
// a manager who "reports to this member already").
const PREDICATE = /^(is|are|must|can|cannot|needs|need|has|have|should|was|were|does|do|reports)\b/;

const sentence = (s: string): string => {
  const t = s.trim();
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital.slice(0, -1) : capital;
};

/** "Notes" + "can be at most 20,000 characters" → "Notes can be at most 20,000 characters". */
export const issueText = (label: string | undefined, message: string): string =>
  label && PREDICATE.test(message.trim()) ? `${label} ${message.trim()}` : sentence(message);

/** A readable name for a path no form field claims: "customFields.seats" → "Seats". */
export const pathLabel = (path: string): string => {
  const last =
    path
      .split(".")
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? "";
  const words = last
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "";
};

/** The issues of a VALIDATION_FAILED answer (paths of the body without a "body." prefix). */
export const apiIssues = (e: unknown): Issue[] => {
  // Read by shape rather than as an ApiError, so api.ts can word its messages with this module.
  const err = e as { code?: unknown; details?: unknown } | null;
  if (!err || typeof err !== "object" || err.code !== "VALIDATION_FAILED") return [];
  const issues = (err.details as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((raw): Issue[] => {
    if (!raw || typeof raw !== "object") return [];
    const { path, code, message } = raw as { path?: unknown; code?: unknown; message?: unknown };
    if (typeof message !== "string") return [];
    const key = Array.isArray(path) ? path.join(".") : typeof path === "string" ? path : "";
    return [{ path: key.replace(/^body\./, ""), code: typeof code === "string" ? code : "invalid", message }];
  });
};

/**
 * Form errors for `form.setErrors`: each issue under its field with the field's label in front;
 * the ones that match no field, in plain words, once under FORM_ERROR.
 */
export const issuesToFormErrors = (issues: Issue[], labels: FieldLabels): Record<string, string> => {
  const out: Record<string, string> = {};
  const rest: string[] = [];
  for (const issue of issues) {
    const field = fieldFor(issue.path, labels);
    if (field !== null) {
      if (!(field in out)) out[field] = issueText(labels[field], issue.message);
    } else {
      const text = issueText(issue.path ? pathLabel(issue.path) : undefined, issue.message);
      if (!rest.includes(text)) rest.push(text);
    }
  }
  if (rest.length > 0) out[FORM_ERROR] = rest.map((t) => `${t}.`).join(" ");
  return out;
};

/** The field an issue belongs to: its path, or the nearest parent path the form shows. */
const fieldFor = (path: string, labels: FieldLabels): string | null => {
  const parts = path.split(".");
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join(".");
    if (candidate && candidate in labels) return candidate;
  }
  return null;
};

/** A failed save as `form.setErrors` input; an error without issues leaves the fields alone. */
export const apiFormErrors = (e: unknown, labels: FieldLabels): Record<string, string> =>
  issuesToFormErrors(apiIssues(e), labels);

/** Client-side check with the contract's own schema, worded like the server's answer. */
export const schemaFormErrors = (
  schema: z.ZodType,
  body: unknown,
  labels: FieldLabels,
): Record<string, string> => {
  const r = schema.safeParse(body, { error: issueMessage });
  return r.success ? {} : issuesToFormErrors(issuesOf(r.error), labels);
};

/** Every issue of an answer as sentences, for places without a form (a button's action). */
export const issueSentences = (e: unknown): string[] =>
  apiIssues(e).map((i) => issueText(i.path ? pathLabel(i.path) : undefined, i.message));
