import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { AppError } from "../../common/errors.ts";

/**
 * The one rule for every password Steward sets (member creation, CLI, change, reset): within the
 * length bounds and rated at least MIN_PASSWORD_SCORE by zxcvbn against the common and English
 * dictionaries and the person's own email and name. Self-contained so it can move with passwords.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;
/** zxcvbn's 0–4 scale; 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_PASSWORD_SCORE = 3;

export type PasswordVerdict =
  | { ok: true; score: number }
  | { ok: false; score: number | null; message: string; warning: string | null; suggestions: string[] };

// The dictionaries are megabytes: loaded on the first check, once, and only on the server.
let checker: Promise<ZxcvbnFactory> | null = null;
const loadChecker = (): Promise<ZxcvbnFactory> => {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-en"),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
  })();
  return checker;
};

/** Words a guesser would try first for this person: their email's parts and their name's. */
const personalWords = ({ email = "", name = "" }: { email?: string; name?: string }): string[] =>
  [
    email,
    email.split("@")[0] ?? "",
    ...email.split(/[@._+-]/),
    name.replace(/\s+/g, ""),
    ...name.split(/\s+/),
  ]
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w.length >= 3)
    .concat("steward");

export async function judgePassword(
  password: string,
  context: { email?: string; name?: string } = {},
): Promise<PasswordVerdict> {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    return {
      ok: false,
      score: null,
      message: `must be between ${MIN_PASSWORD_LENGTH} and ${MAX_PASSWORD_LENGTH} characters`,
      warning: null,
      suggestions: [],
    };
  }
  const result = (await loadChecker()).check(password, personalWords(context));
  if (result.score >= MIN_PASSWORD_SCORE) return { ok: true, score: result.score };
  const { warning, suggestions } = result.feedback;
  const why = warning ?? "This password would be easy to guess.";
  return {
    ok: false,
    score: result.score,
    message: `is too easy to guess. ${why}${suggestions.length ? ` ${suggestions.join(" ")}` : ""}`,
    warning,
    suggestions,
  };
}

/**
 * Throws VALIDATION_FAILED naming `field` when the password breaks the rule; the details carry
 * zxcvbn's warning and suggestions for the form to show at the field.
 */
export async function assertStrongPassword(
  password: string,
  context: { field: string; email?: string; name?: string },
): Promise<void> {
  const verdict = await judgePassword(password, context);
  if (verdict.ok) return;
  throw new AppError("VALIDATION_FAILED", `The password ${verdict.message}`, {
    issues: [{ path: context.field, message: verdict.message }],
    password: { score: verdict.score, warning: verdict.warning, suggestions: verdict.suggestions },
  });
}
