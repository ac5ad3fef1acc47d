import { SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconUsersGroup } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { routes, type Stakeholder } from "../../../contract/index.ts";
import { DECISION_ROLE_LABELS, label } from "../../lib/labels.ts";
import { apiQuery } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Section } from "../../ui/Section.tsx";
import { RelationshipRisks } from "./RelationshipRisks.tsx";
import { StakeholderCard } from "./StakeholderCard.tsx";

/** Consecutive key players of the same decision role (the API answers them grouped). */
function byRole(players: Stakeholder[]): { role: Stakeholder["decisionRole"]; players: Stakeholder[] }[] {
  const groups: { role: Stakeholder["decisionRole"]; players: Stakeholder[] }[] = [];
  for (const p of players) {
    const last = groups.at(-1);
    if (last && last.role === p.decisionRole) last.players.push(p);
    else groups.push({ role: p.decisionRole, players: [p] });
  }
  return groups;
}

/**
 * The account's stakeholder map: the relationship risks first, then its key players grouped by
 * their role in the decision.
 */
export function StakeholderMap({ accountId }: { accountId: string }) {
  const map = useQuery(apiQuery(routes.getStakeholderMap, { params: { accountId } }));
  const m = map.data;
  return (
    <Section
      title="Stakeholder map"
      count={m?.keyPlayers.length}
      description="Key players by their role in the decision, and the risks to the relationship"
    >
      {map.isError ? <ErrorAlert error={map.error} title="The stakeholder map could not be loaded" /> : null}
      {!m && !map.isError ? <Skeleton h={120} /> : null}
      {m ? (
        <Stack gap="md" data-testid="stakeholder-map">
          <RelationshipRisks risks={m.risks} hasPlayers={m.keyPlayers.length > 0} />
          {m.keyPlayers.length === 0 ? (
            <Stack gap={4} align="center" py="sm" c="dimmed">
              <IconUsersGroup size={24} />
              <Text size="sm" c="dimmed" ta="center" maw={480}>
                No key players mapped yet. Give the account's contacts their role in the decision (economic
                buyer, decision maker, champion, influencer, detractor) or an influence of 4–5 to put them on
                the map.
              </Text>
            </Stack>
          ) : null}
          {byRole(m.keyPlayers).map((g) => (
            <Stack key={g.role ?? "none"} gap={6}>
              <Title order={5} fz="sm" c="dimmed">
                {g.role ? label(DECISION_ROLE_LABELS, g.role) : "No decision role"} ({g.players.length})
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                {g.players.map((p) => (
                  <StakeholderCard key={p.contactId} p={p} />
                ))}
              </SimpleGrid>
            </Stack>
          ))}
        </Stack>
      ) : null}
    </Section>
  );
}
