import { Alert, Badge, Button, Group, Skeleton, Stack, Text, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconAlertTriangle, IconPlus, IconTarget } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { routes } from "../../../contract/index.ts";
import { DECISION_ROLE_LABELS, label } from "../../lib/labels.ts";
import { apiQuery } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { Section } from "../../ui/Section.tsx";
import { useAccountPeople } from "../accounts/KeyPlayers.tsx";
import { INDEX_DEFINITION, indexColor } from "./labels.ts";
import { OutcomeFormModal } from "./OutcomeFormModal.tsx";
import { OutcomeList } from "./OutcomeList.tsx";

/** A 0–100 success index, its definition on hover. */
export function IndexBadge({ index, size = "md" }: { index: number | null; size?: "sm" | "md" | "lg" }) {
  return (
    <Tooltip label={INDEX_DEFINITION} multiline w={340} withArrow>
      <Badge size={size} variant="light" color={indexColor(index)} style={{ cursor: "help" }}>
        {index === null ? "No index yet" : `Success ${index}`}
      </Badge>
    </Tooltip>
  );
}

/**
 * The account's key-player success: the index, the lowest decision maker beside it, and each key
 * player's outcomes and wins.
 */
export function AccountSuccess({ accountId, canWrite }: { accountId: string; canWrite: boolean }) {
  const success = useQuery(apiQuery(routes.getAccountSuccess, { params: { accountId } }));
  const people = useAccountPeople(accountId);
  const [adding, add] = useDisclosure(false);
  const s = success.data;
  const lowest = s?.lowestDecisionMaker;
  const withOutcomes = s?.keyPlayers.filter((p) => p.outcomes.length > 0) ?? [];
  const without = s?.keyPlayers.filter((p) => p.outcomes.length === 0 && !p.leftCompany) ?? [];

  return (
    <Section
      title={
        <Group gap={8}>
          <span>Key-player success</span>
          {s ? <IndexBadge index={s.index} /> : null}
        </Group>
      }
      description="Each key player's business outcomes and personal wins"
      actions={
        canWrite ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={add.open}
            disabled={people.length === 0}
          >
            Add outcome
          </Button>
        ) : null
      }
    >
      {success.isError ? <ErrorAlert error={success.error} title="Success could not be loaded" /> : null}
      {!s && !success.isError ? <Skeleton h={80} /> : null}
      {s ? (
        <Stack gap="md">
          {lowest && s.index !== null && lowest.index < s.index ? (
            <Alert
              color={indexColor(lowest.index)}
              variant="light"
              icon={lowest.index < s.index ? <IconAlertTriangle size={18} /> : undefined}
              p="xs"
            >
              <Text size="sm">
                Lowest decision maker:{" "}
                <AnchorLink to="/contacts/$id" params={{ id: lowest.contactId }} size="sm" fw={500}>
                  {lowest.name}
                </AnchorLink>{" "}
                ({label(DECISION_ROLE_LABELS, lowest.decisionRole)}) at {lowest.index}
                {lowest.index < s.index ? `, below the account's ${s.index}.` : "."}
              </Text>
            </Alert>
          ) : null}
          {s.keyPlayers.length === 0 ? (
            <Group gap={8} c="dimmed">
              <IconTarget size={18} />
              <Text size="sm" c="dimmed">
                No key players yet. Give contacts a decision role, then record what each of them wants to
                achieve.
              </Text>
            </Group>
          ) : null}
          {withOutcomes.map((p) => (
            <Stack key={p.contactId} gap={6} data-testid="key-player-success">
              <Group gap={8}>
                <AnchorLink to="/contacts/$id" params={{ id: p.contactId }} fw={600} size="sm">
                  {p.name}
                </AnchorLink>
                <Text size="xs" c="dimmed">
                  {[
                    p.decisionRole ? label(DECISION_ROLE_LABELS, p.decisionRole) : null,
                    p.leftCompany ? "left the company" : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </Text>
                <IndexBadge index={p.index} size="sm" />
              </Group>
              <OutcomeList outcomes={p.outcomes} canWrite={canWrite} />
            </Stack>
          ))}
          {without.length > 0 ? (
            <Text size="xs" c="dimmed">
              No outcome recorded yet for {without.map((p) => p.name).join(", ")}.
            </Text>
          ) : null}
        </Stack>
      ) : null}
      <OutcomeFormModal opened={adding} onClose={add.close} keyPlayers={people} />
    </Section>
  );
}
