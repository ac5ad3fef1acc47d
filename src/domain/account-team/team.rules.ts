import type { TeamMember } from "../../contract/account-team.ts";

const ROLE_LABELS: Record<TeamMember["teamRole"], string> = {
  csm: "CSM",
  account_executive: "account executive",
  executive_sponsor: "executive sponsor",
  support_lead: "support lead",
  services_lead: "services lead",
  marketing: "marketing",
};

export const roleLabel = (role: string): string =>
  Object.hasOwn(ROLE_LABELS, role) ? ROLE_LABELS[role as TeamMember["teamRole"]] : role.replace(/_/g, " ");

/** The team roles a person held, grouped per account, in the order first seen. */
export function rolesByAccount(rows: { accountId: string; teamRole: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const roles = out.get(r.accountId) ?? [];
    roles.push(r.teamRole);
    out.set(r.accountId, roles);
  }
  return out;
}
