import type { InvitationPage } from "../../domain/experience/index.ts";

/**
 * The public survey answer page: plain HTML with one form, no script and no cookie, so it works in
 * any mail client's browser. It is rendered from the invitation's data only.
 */

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

const STYLE = `body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f6f7f9;color:#1f2328;margin:0}
main{max-width:640px;margin:48px auto;background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:32px}
h1{font-size:1.25rem;margin:0 0 8px}p{line-height:1.5}.muted{color:#57606a;font-size:.9rem}
fieldset{border:0;padding:0;margin:16px 0}legend{font-weight:600;margin-bottom:8px}
.scale{display:flex;flex-wrap:wrap;gap:6px}.scale label{display:flex;flex-direction:column;align-items:center;min-width:40px;border:1px solid #c9d1d9;border-radius:6px;padding:6px 4px;cursor:pointer}
.scale input{margin:0 0 4px}.ends{display:flex;justify-content:space-between;font-size:.8rem;color:#57606a;margin-top:4px}
textarea{width:100%;min-height:96px;font:inherit;border:1px solid #c9d1d9;border-radius:6px;padding:8px;box-sizing:border-box}
button{background:#1c7ed6;color:#fff;border:0;border-radius:6px;padding:10px 18px;font:inherit;cursor:pointer;margin-top:12px}
.error{background:#fff5f5;border:1px solid #ffa8a8;color:#c92a2a;padding:8px 12px;border-radius:6px}
.ok{background:#ebfbee;border:1px solid #8ce99a;color:#2b8a3e;padding:8px 12px;border-radius:6px}`;

const ENDS: Record<string, [string, string]> = {
  nps: ["Not at all likely", "Extremely likely"],
  csat: ["Very dissatisfied", "Very satisfied"],
  ces: ["Very difficult", "Very easy"],
  dimension: ["Poor", "Excellent"],
};

function shell(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow"><meta name="referrer" content="no-referrer"><title>${esc(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

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
    );
  }
  const intro = `<p class="muted">${esc(page.workspaceName)} asks${page.firstName ? ` ${esc(page.firstName)}` : ""}:</p>`;
  if (page.state === "closed") {
    const msg = notice.saved
      ? '<p class="ok">Thank you — your answer is recorded.</p>'
      : "<p>This survey is closed: answers can be changed for 7 days and links work for 30 days. Thank you for your time.</p>";
    return shell("Survey", `${intro}<h1>${esc(page.question)}</h1>${msg}`);
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
  );
}
