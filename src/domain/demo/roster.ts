import { DEMO_LOGIN } from "../../common/demo.ts";
import type { Role, TeamFunction } from "../../common/roles.ts";

export { DEMO_LOGIN };

export const DEMO_WORKSPACE_NAME = "Northwind Cloud (demo)";

export type DemoMember = {
  key: string;
  name: string;
  email: string;
  role: Role;
  function: TeamFunction;
  title: string;
  /** Whom their overdue inbox items escalate to (a roster key). */
  manager?: string;
  team?: string;
};

const m = (
  key: string,
  name: string,
  role: Role,
  fn: TeamFunction,
  title: string,
  org: { manager?: string; team?: string } = {},
): DemoMember => ({
  key,
  name,
  email: `${key}@steward.local`,
  role,
  function: fn,
  title,
  ...org,
});

const ENTERPRISE = { manager: "grace.liu", team: "Enterprise CS" };
const GROWTH = { manager: "grace.liu", team: "Growth CS" };

/** Northwind Cloud's people: the demo user is an owner who also carries a CSM book. */
export const DEMO_MEMBERS: readonly DemoMember[] = [
  {
    ...m(
      "dana.whitfield",
      "Dana Whitfield",
      "owner",
      "customer_success",
      "Senior Customer Success Manager",
      ENTERPRISE,
    ),
    email: DEMO_LOGIN.email,
  },
  m(
    "marcus.okafor",
    "Marcus Okafor",
    "manager",
    "customer_success",
    "Customer Success Manager, Enterprise",
    ENTERPRISE,
  ),
  m("priya.raman", "Priya Raman", "member", "customer_success", "Customer Success Manager", GROWTH),
  m(
    "tomas.herrera",
    "Tomás Herrera",
    "member",
    "customer_success",
    "Customer Success Manager, LATAM",
    GROWTH,
  ),
  m("hannah.becker", "Hannah Becker", "member", "customer_success", "Customer Success Manager, EMEA", GROWTH),
  m("grace.liu", "Grace Liu", "leader", "customer_success", "VP Customer Success", {
    manager: "robert.hayes",
  }),
  m("jordan.ellis", "Jordan Ellis", "member", "sales", "Account Executive", { manager: "sofia.marino" }),
  m("sofia.marino", "Sofia Marino", "manager", "sales", "Senior Account Executive, Enterprise"),
  m("kwame.asante", "Kwame Asante", "manager", "support", "Support Lead"),
  m("elena.petrova", "Elena Petrova", "manager", "services", "Professional Services Lead"),
  m("olivia.brooks", "Olivia Brooks", "member", "marketing", "Customer Marketing Manager"),
  m("ravi.menon", "Ravi Menon", "member", "product", "Senior Product Manager"),
  m("lena.vogel", "Lena Vogel", "member", "finance", "Finance Manager"),
  m("robert.hayes", "Robert Hayes", "leader", "executive", "Chief Customer Officer"),
  m("alex.kim", "Alex Kim", "admin", "customer_success", "CS Operations Administrator"),
  m("nora.lindqvist", "Nora Lindqvist", "viewer", "executive", "Board Advisor (read-only)"),
];

/** Member keys by what they do in the demo story. */
export const CAST = {
  csms: ["dana.whitfield", "marcus.okafor", "priya.raman", "tomas.herrera", "hannah.becker"],
  csLeader: "grace.liu",
  aes: ["jordan.ellis", "sofia.marino"],
  enterpriseAe: "sofia.marino",
  support: "kwame.asante",
  services: "elena.petrova",
  marketing: "olivia.brooks",
  product: "ravi.menon",
  finance: "lena.vogel",
  executive: "robert.hayes",
} as const;

export type MemberIds = Record<string, string>;

/** The user id of a cast member; the roster and the cast are written together, so a miss is a bug. */
export function idOf(ids: MemberIds, key: string): string {
  const id = ids[key];
  if (!id) throw new Error(`demo member ${key} has no user id`);
  return id;
}
