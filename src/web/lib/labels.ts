/** Human labels for the contract's enum values. */
export const humanize = (v: string | null | undefined): string => {
  if (!v) return "—";
  const s = v.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
};

export const STAGE_LABELS: Record<string, string> = {
  onboarding: "Onboarding",
  adoption: "Adoption",
  value: "Value outcomes",
  transformation: "Transformation",
  roi: "ROI",
  advocacy: "Advocacy",
  renewal: "Renewal",
  churned: "Churned",
};

export const STAGE_COLORS: Record<string, string> = {
  onboarding: "blue",
  adoption: "cyan",
  value: "teal",
  transformation: "grape",
  roi: "indigo",
  advocacy: "green",
  renewal: "orange",
  churned: "gray",
};

export const DECISION_ROLE_LABELS: Record<string, string> = {
  economic_buyer: "Economic buyer",
  decision_maker: "Decision maker",
  champion: "Champion",
  user: "User",
  influencer: "Influencer",
  detractor: "Detractor",
};

export const SENIORITY_LABELS: Record<string, string> = {
  executive: "Executive",
  vp: "VP",
  director: "Director",
  manager: "Manager",
  individual_contributor: "Individual contributor",
};

export const TEAM_ROLE_LABELS: Record<string, string> = {
  csm: "CSM",
  account_executive: "Account executive",
  executive_sponsor: "Executive sponsor",
  support_lead: "Support lead",
  services_lead: "Services lead",
  marketing: "Marketing",
};

export const FUNCTION_LABELS: Record<string, string> = {
  customer_success: "Customer success",
  sales: "Sales",
  marketing: "Marketing",
  support: "Support",
  services: "Services",
  product: "Product",
  finance: "Finance",
  executive: "Executive",
};

export const ROLE_LABELS: Record<string, string> = {
  owner: "Owner",
  admin: "Admin",
  leader: "Leader",
  manager: "Manager",
  member: "Member",
  viewer: "Viewer",
};

export const SUBSCRIPTION_STATUS_COLORS: Record<string, string> = {
  trial: "blue",
  active: "green",
  canceled: "red",
  expired: "gray",
};

export const label = (table: Record<string, string>, v: string | null | undefined): string =>
  v ? (table[v] ?? humanize(v)) : "—";

export const options = (values: readonly string[], table: Record<string, string>) =>
  values.map((v) => ({ value: v, label: label(table, v) }));
