import type { Account, Contact, Subscription, TeamMember } from "../../../contract/index.ts";
import { daysUntil, formatDate, formatMoney, relativeDays } from "../../lib/format.ts";
import { DECISION_ROLE_LABELS, label } from "../../lib/labels.ts";

export type Signal = { level: "warn" | "info"; text: string };

/** Plain rules over the account's data that point at what to do next. */
export const signalsFor = (
  a: Account,
  contacts: Contact[],
  subs: Subscription[],
  team: TeamMember[],
  now = Date.now(),
): Signal[] => {
  const out: Signal[] = [];
  const days = daysUntil(a.nextRenewalDate, now);
  if (a.lifecycleStage === "churned") out.push({ level: "warn", text: "This customer has churned." });
  if (days !== null && days >= 0 && days <= 90) {
    out.push({
      level: "warn",
      text: `Renews ${relativeDays(a.nextRenewalDate, now)} (${formatDate(a.nextRenewalDate)}) with ${formatMoney(a.arrMinor, a.currency)} ARR at stake.`,
    });
  }
  const keyPlayers = contacts.filter((c) => c.isKeyPlayer);
  for (const c of keyPlayers.filter((k) => k.leftCompany)) {
    out.push({
      level: "warn",
      text: `${c.name}${c.decisionRole ? ` (${label(DECISION_ROLE_LABELS, c.decisionRole)})` : ""} left the company — find who takes over.`,
    });
  }
  const present = keyPlayers.filter((c) => !c.leftCompany && c.status === "active");
  if (contacts.length > 0 && present.length === 0) {
    out.push({
      level: "warn",
      text: "No key players mapped: mark who buys, decides and champions Steward here.",
    });
  } else if (
    present.length > 0 &&
    !present.some((c) => c.decisionRole === "economic_buyer" || c.decisionRole === "decision_maker")
  ) {
    out.push({ level: "info", text: "No economic buyer or decision maker mapped among the key players." });
  }
  for (const c of present.filter((k) => k.decisionRole === "detractor")) {
    out.push({
      level: "warn",
      text: `${c.name} is a detractor${c.influence ? ` with influence ${c.influence}/5` : ""}.`,
    });
  }
  if (contacts.length === 0)
    out.push({ level: "info", text: "No contacts yet: add the people you work with." });
  if (team.length > 0 && !team.some((t) => t.teamRole === "csm")) {
    out.push({ level: "info", text: "No CSM on the account team." });
  }
  if (!a.ownerId) out.push({ level: "info", text: "Nobody owns this account." });
  if (subs.length > 0 && !subs.some((s) => s.status === "active" || s.status === "trial")) {
    out.push({ level: "warn", text: "No active subscription." });
  }
  return out;
};
