import type { ConfirmResult, SharedPlanPage } from "../../domain/plans/index.ts";
import { esc, shell } from "./html.ts";

/**
 * A success plan's shared page, rendered from what the link may show only (`sharedView`): the
 * shared objectives and milestones, and a form per outcome of the link's own key player.
 */

const STYLE = `h2{font-size:1.05rem;margin:24px 0 4px}.meta{display:flex;flex-wrap:wrap;gap:4px 16px;color:#57606a;font-size:.9rem;margin:8px 0}
.bar{height:8px;background:#e9ecef;border-radius:4px;overflow:hidden;margin:8px 0 4px}.bar span{display:block;height:100%;background:#2f9e44}
.pill{display:inline-block;font-size:.75rem;border-radius:10px;padding:1px 8px;background:#e7f5ff;color:#1864ab;margin-left:6px;vertical-align:middle}
.pill.done{background:#ebfbee;color:#2b8a3e}.pill.at_risk,.pill.late{background:#fff5f5;color:#c92a2a}
ul{padding-left:20px}li{margin:4px 0}.outcome{border:1px solid #dde1e6;border-radius:6px;padding:12px;margin:10px 0}
.choices{display:flex;gap:16px;margin:8px 0}form textarea{min-height:64px}`;

const STATUS: Record<string, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  done: "Done",
  at_risk: "At risk",
  planned: "Planned",
  achieved: "Achieved",
  missed: "Missed",
  draft: "Draft",
  active: "Active",
  completed: "Completed",
  archived: "Archived",
};

const pill = (status: string) => `<span class="pill ${esc(status)}">${esc(STATUS[status] ?? status)}</span>`;
const day = (d: string) =>
  new Date(`${d.slice(0, 10)}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
const due = (d: string | null, overdue = false) =>
  d
    ? ` <span class="muted">due ${day(d)}</span>${overdue ? '<span class="pill late">Overdue</span>' : ""}`
    : "";
const bar = (progress: number) =>
  `<div class="bar" role="progressbar" aria-valuenow="${Math.round(progress * 100)}" aria-valuemin="0" aria-valuemax="100"><span style="width:${Math.round(progress * 100)}%"></span></div><div class="muted">${Math.round(progress * 100)}% complete</div>`;

type Open = Extract<SharedPlanPage, { state: "open" }>;
type ShownOutcome = Open["view"]["objectives"][number]["outcomes"][number];

function outcome(o: ShownOutcome): string {
  const said = o.customerConfirmation
    ? `<p class="muted">${o.customerConfirmation.verdict === "achieved" ? "Confirmed achieved" : "Not yet"} on ${day(o.customerConfirmation.at)}${o.customerConfirmation.comment ? `: “${esc(o.customerConfirmation.comment)}”` : ""}</p>`
    : "";
  const form = o.canConfirm
    ? `<form method="post"><input type="hidden" name="outcomeId" value="${esc(o.id)}">
<div class="choices" role="radiogroup" aria-label="Is it achieved?"><label><input type="radio" name="verdict" value="achieved"> Yes, achieved</label><label><input type="radio" name="verdict" value="not_yet"> Not yet</label></div>
<label for="comment-${esc(o.id)}" class="muted">Comment (needed for “not yet”: what is still missing?)</label>
<textarea id="comment-${esc(o.id)}" name="comment" maxlength="5000"></textarea>
<button type="submit">Send</button></form>`
    : "";
  const kind = o.kind === "personal_win" ? "Your personal win" : "Outcome";
  return `<div class="outcome"><strong>${esc(kind)}: ${esc(o.title)}</strong>${pill(o.status)}<div class="muted">${esc(o.contactName)}${o.dueDate ? ` · due ${day(o.dueDate)}` : ""}</div>${said}${form}</div>`;
}

export function renderPlanPage(
  page: SharedPlanPage,
  result?: Pick<ConfirmResult, "saved" | "error">,
): string {
  if (page.state === "unknown") {
    return shell(
      "Link not found",
      "<h1>This link is not valid</h1><p>It may have been mistyped. Ask the person who shared it for a new one.</p>",
      STYLE,
    );
  }
  if (page.state === "ended") {
    return shell(
      "Link no longer works",
      "<h1>This link no longer works</h1><p>It has expired or was withdrawn. Ask the person who shared the plan with you for a new link.</p>",
      STYLE,
    );
  }
  const people = [
    page.owner ? `${esc(page.workspaceName)}: ${esc(page.owner)}` : null,
    page.customerOwner ? `${esc(page.accountName)}: ${esc(page.customerOwner)}` : null,
  ].filter(Boolean);
  const notice = result?.error
    ? `<p class="error" role="alert">${esc(result.error)}</p>`
    : result?.saved
      ? '<p class="ok" role="status">Thank you — your answer is recorded and the team has been told.</p>'
      : "";
  const greeting = page.viewer
    ? `<p>Hello ${esc(page.viewer.name)} — where an outcome is yours, you can tell us whether it is achieved.</p>`
    : "";
  const objectives = page.view.objectives
    .map(
      (o) => `<section><h2>${esc(o.title)}${pill(o.status)}${due(o.dueDate, o.overdue)}</h2>
${o.description ? `<p>${esc(o.description)}</p>` : ""}${o.milestones.length > 0 ? bar(o.progress) : ""}
${
  o.milestones.length > 0
    ? `<ul>${o.milestones
        .map(
          (m) =>
            `<li>${esc(m.title)}${pill(m.status)}${due(m.dueDate, m.overdue)}${m.customerOwner ? ` <span class="muted">· ${esc(m.customerOwner)}</span>` : ""}${m.outcomes.map(outcome).join("")}</li>`,
        )
        .join("")}</ul>`
    : ""
}${o.outcomes.map(outcome).join("")}</section>`,
    )
    .join("");
  return shell(
    page.title,
    `<p class="muted">${esc(page.workspaceName)} and ${esc(page.accountName)}</p><h1>${esc(page.title)}${pill(page.status)}</h1>
${page.summary ? `<p>${esc(page.summary)}</p>` : ""}
<div class="meta">${page.startDate ? `<span>Started ${day(page.startDate)}</span>` : ""}${page.dueDate ? `<span>Target ${day(page.dueDate)}</span>` : ""}${people.map((p) => `<span>${p}</span>`).join("")}</div>
${bar(page.view.progress)}${notice}${greeting}${objectives || '<p class="muted">Nothing has been shared on this plan yet.</p>'}`,
    STYLE,
  );
}
