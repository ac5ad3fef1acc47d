import { Group, Paper, Stack, Text, ThemeIcon } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconInfoCircle } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { type Account, routes } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { useAccountContacts } from "./KeyPlayers.tsx";
import { useAccountSubscriptions } from "./Subscriptions.tsx";
import { signalsFor } from "./signals.ts";

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
