import { Badge, Button, Group, Paper, Progress, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus, IconShare, IconTargetArrow } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type PlanSummary, routes } from "../../../contract/index.ts";
import { formatDate, relativeDays } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { AnchorLink } from "../../ui/links.tsx";
import { QueryListState } from "../../ui/QueryListState.tsx";
import { Section } from "../../ui/Section.tsx";
import { PLAN_STATUS_COLORS, PLAN_STATUS_LABELS } from "./labels.ts";
import { PlanFormModal } from "./PlanFormModal.tsx";
import { ownersText, percent } from "./plan.rules.ts";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** One plan in the account's list: what it is, how far along, and what needs attention. */
function PlanRow({ plan: p }: { plan: PlanSummary }) {
  const pct = percent(p.progress);
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="plan-summary">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6}>
            <AnchorLink to="/plans/$id" params={{ id: p.id }} fw={600} size="sm">
              {p.title}
            </AnchorLink>
            <Badge size="xs" variant="light" color={PLAN_STATUS_COLORS[p.status]}>
              {PLAN_STATUS_LABELS[p.status]}
            </Badge>
            {p.shared ? (
              <Badge size="xs" variant="outline" color="teal" leftSection={<IconShare size={10} />}>
                Shared
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            {[
              plural(p.objectives, "objective"),
              plural(p.milestones, "milestone"),
              p.dueDate ? `due ${formatDate(p.dueDate)} (${relativeDays(p.dueDate)})` : "no due date",
              ownersText(p),
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
          {p.overdue > 0 ? (
            <Text size="xs" c="red" fw={500}>
              {plural(p.overdue, "item")} overdue
            </Text>
          ) : null}
        </Stack>
        <Stack gap={4} w={140} style={{ flexShrink: 0 }}>
          <Text size="xs" c="dimmed" ta="right">
            {pct}% done
          </Text>
          <Progress
            value={pct}
            size="sm"
            color={pct === 100 ? "green" : "blue"}
            aria-label={`Progress of ${p.title}`}
          />
        </Stack>
      </Group>
    </Paper>
  );
}

/** The account's success plans with their progress; writers start new ones here. */
export function AccountPlans({ accountId, canWrite }: { accountId: string; canWrite: boolean }) {
  const plans = useQuery(apiQuery(routes.listPlans, { query: { accountId } }));
  const [adding, add] = useDisclosure(false);
  const navigate = useNavigate();
  const rows = plans.data?.data ?? [];
  return (
    <Section
      title="Success plans"
      count={plans.data ? rows.length : undefined}
      description="Objectives and milestones agreed with the customer, tied to their key players' outcomes"
      testId="account-plans"
      actions={
        canWrite ? (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={add.open}>
            New plan
          </Button>
        ) : null
      }
    >
      <QueryListState
        query={plans}
        errorTitle="Plans could not be loaded"
        isEmpty={rows.length === 0}
        icon={IconTargetArrow}
        empty={
          <>
            No success plan yet.{" "}
            {canWrite
              ? "Start one with what this customer wants to achieve — empty or from a template — then share it with their key players."
              : "A CSM can start one with what this customer wants to achieve."}
          </>
        }
      />
      <Stack gap="xs">
        {rows.map((p) => (
          <PlanRow key={p.id} plan={p} />
        ))}
      </Stack>
      <PlanFormModal
        opened={adding}
        onClose={add.close}
        accountId={accountId}
        onCreated={(plan) => void navigate({ to: "/plans/$id", params: { id: plan.id } })}
      />
    </Section>
  );
}
