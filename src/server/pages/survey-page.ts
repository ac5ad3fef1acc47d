import type { InvitationPage } from "../../domain/experience/index.ts";

import { esc, shell } from "./html.ts";

/** The public survey answer page, rendered from the invitation's data only. */

const STYLE = `fieldset{border:0;padding:0;margin:16px 0}legend{font-weight:600;margin-bottom:8px}
.scale{display:flex;flex-wrap:wrap;gap:6px}.scale label{display:flex;flex-direction:column;align-items:center;min-width:40px;border:1px solid #c9d1d9;border-radius:6px;padding:6px 4px;cursor:pointer}
.scale input{margin:0 0 4px}.ends{display:flex;justify-content:space-between;font-size:.8rem;color:#57606a;margin-top:4px}`;

const ENDS: Record<string, [string, string]> = {
  nps: ["Not at all likely", "Extremely likely"],
  csat: ["Very dissatisfied", "Very satisfied"],
  ces: ["Very difficult", "Very easy"],
  dimension: ["Poor", "Excellent"],
};

function scale(
  name: string,
  legend: string,
  min: number,
  max: number,
  chosen: number | undefined,
  ends: [string, string],
) {
  const options = Array.from({ length: max - min + 1 }, (_, i) => min + i)
    .map(
      (n) =>
        `<label><input type="radio" name="${esc(name)}" value="${n}"${chosen === n ? " checked" : ""} aria-label="${n}">${n}</label>`,
    )
    .join("");
  return `<fieldset><legend>${esc(legend)}</legend><div class="scale" role="radiogroup">${options}</div><div class="ends"><span>${esc(ends[0])}</span><span>${esc(ends[1])}</span></div></fieldset>`;
}

/** The page for a link: the question to answer (again, within 7 days), or why it cannot be. */
export function renderSurveyPage(
  page: InvitationPage,
  notice: { saved?: boolean; error?: string | null } = {},
): string {
  if (page.state === "unknown") {
    return shell(
      "Survey link not found",
      "<h1>This survey link is not valid</h1><p>It may have been mistyped or replaced by a newer one. Nothing was recorded.</p>",
      STYLE,
    );
  }
  const intro = `<p class="muted">${esc(page.workspaceName)} asks${page.firstName ? ` ${esc(page.firstName)}` : ""}:</p>`;
  if (page.state === "closed") {
    const msg = notice.saved
      ? '<p class="ok">Thank you — your answer is recorded.</p>'
      : "<p>This survey is closed: answers can be changed for 7 days and links work for 30 days. Thank you for your time.</p>";
    return shell("Survey", `${intro}<h1>${esc(page.question)}</h1>${msg}`, STYLE);
  }
  const ends = ENDS[page.kind] ?? ["", ""];
  const questions =
    page.kind === "dimension"
      ? page.dimensions
          .map((d) =>
            scale(`score_${d.key}`, d.label, page.scale.min, page.scale.max, page.given.scores[d.key], ends),
          )
          .join("")
      : scale("score", "Your answer", page.scale.min, page.scale.max, page.given.scores[""], ends);
  const status = notice.error
    ? `<p class="error" role="alert">${esc(notice.error)}</p>`
    : notice.saved
      ? `<p class="ok" role="status">Thank you — your answer is recorded. You can change it here for 7 days.</p>`
      : page.state === "answered_editable"
        ? `<p class="muted">You have answered; you can change your answer for 7 days.</p>`
        : "";
  return shell(
    "Survey",
    `${intro}<h1>${esc(page.question)}</h1>${status}<form method="post">${questions}
<label for="comment"><strong>Anything you would like to add?</strong> <span class="muted">(optional)</span></label>
<textarea id="comment" name="comment" maxlength="5000">${esc(page.given.comment ?? "")}</textarea>
<button type="submit">Send my answer</button></form>`,
    STYLE,
  );
}
