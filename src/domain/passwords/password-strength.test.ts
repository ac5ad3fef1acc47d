import { describe, expect, it } from "vitest";
import { isAppError } from "../../common/errors.ts";
import { DEMO_LOGIN } from "../demo/index.ts";
import { assertStrongPassword, judgePassword, MIN_PASSWORD_SCORE } from "./password-strength.ts";

describe("the password rule", () => {
  it.each([
    ["twelve spaces", "            "],
    ["a common password with digits", "password1234"],
    ["a keyboard walk", "qwertyuiop123"],
    ["a repeated word", "stewardsteward"],
  ])("refuses %s, with zxcvbn's reason", async (_, password) => {
    const verdict = await judgePassword(password);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.score).toBeLessThan(MIN_PASSWORD_SCORE);
    expect(verdict.message).toMatch(/^is too easy to guess\./);
    expect(verdict.warning ?? verdict.suggestions.join(" ")).not.toBe("");
  });

  it("refuses passwords outside the length bounds before rating them", async () => {
    expect(await judgePassword("Xq7#vL2!pR")).toMatchObject({ ok: false, score: null });
    expect(await judgePassword("a".repeat(1025))).toMatchObject({ ok: false, score: null });
  });

  it("refuses a password made of the person's own email and name", async () => {
    const context = { email: "marguerite.okonkwo@northwind.example", name: "Marguerite Okonkwo" };
    for (const password of ["marguerite.okonkwo", "okonkwomarguerite", "Okonkwo2024!"]) {
      expect((await judgePassword(password)).ok, password).toBe(true);
      const verdict = await judgePassword(password, context);
      expect(verdict, password).toMatchObject({ ok: false, warning: expect.stringMatching(/personal/) });
    }
  });

  it("accepts long, uncommon passphrases, the demo's included", async () => {
    for (const password of ["correct-horse-battery", "a-quiet-harbour-lamp-29", DEMO_LOGIN.password]) {
      expect(await judgePassword(password, { email: DEMO_LOGIN.email }), password).toMatchObject({
        ok: true,
      });
    }
  });

  it("names the field and carries the feedback in the refusal", async () => {
    const error = await assertStrongPassword("password1234", { field: "newPassword" }).catch((e) => e);
    expect(isAppError(error)).toBe(true);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toMatch(
      /^The password is too easy to guess\. This is similar to a commonly used password/,
    );
    expect(error.details.issues).toEqual([
      { path: "newPassword", message: expect.stringMatching(/too easy/) },
    ]);
    expect(error.details.password).toMatchObject({ score: 1, warning: expect.any(String) });
  });
});
