import { Group, Paper, Stack, Text, ThemeIcon } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconInfoCircle } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import {
  type Account,
  type Contact,
  routes,
  type Subscription,
  type TeamMember,
} from "../../../contract/index.ts";
import { daysUntil, formatDate, formatMoney } from "../../lib/format.ts";
import { DECISION_ROLE_LABELS, label } from "../../lib/labels.ts";
import { apiQuery } from "../../lib/query.ts";
import { useAccountContacts } from "./KeyPlayers.tsx";
import { useAccountSubscriptions } from "./Subscriptions.tsx";

type Signal = { level: "warn" | "info"; text: string };

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
      text: `Renews in ${days} day${days === 1 ? "" : "s"} (${formatDate(a.nextRenewalDate)}) with ${formatMoney(a.arrMinor, a.currency)} ARR at stake.`,
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

export function AccountSignals({ account }: { account: Account }) {
  const contacts = useAccountContacts(account.id);
  const subs = useAccountSubscriptions(account.id);
  const team = useQuery(
    apiQuery(routes.listTeam, { params: { accountId: account.id }, query: { limit: 200 } }),
  );
  if (!contacts.data || !subs.data || !team.data) return null;

  const signals = signalsFor(account, contacts.data.data, subs.data.data, team.data.data);
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb="xs" style={{ letterSpacing: "0.03em" }}>
        What needs attention
      </Text>
      {signals.length === 0 ? (
        <Group gap="xs" wrap="nowrap">
          <ThemeIcon size={22} radius="xl" variant="light" color="green">
            <IconCircleCheck size={14} />
          </ThemeIcon>
          <Text size="sm">
            Nothing flagged: key players mapped, team in place, no renewal in the next 90 days.
          </Text>
        </Group>
      ) : (
        <Stack gap={6}>
          {signals.map((s) => (
            <Group key={s.text} gap="xs" wrap="nowrap" align="flex-start">
              <ThemeIcon size={22} radius="xl" variant="light" color={s.level === "warn" ? "orange" : "blue"}>
                {s.level === "warn" ? <IconAlertTriangle size={14} /> : <IconInfoCircle size={14} />}
              </ThemeIcon>
              <Text size="sm" mt={1}>
                {s.text}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
