import { Badge, Breadcrumbs, Button, Group, Progress, Select, SimpleGrid, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconShare } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { PLAN_STATUSES, type Plan } from "../../../contract/index.ts";
import { errorMessage } from "../../api.ts";
import { formatDate, relativeDays } from "../../lib/format.ts";
import { useSession } from "../../lib/session.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { DetailSkeleton } from "../../ui/DetailSkeleton.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { RecordActions } from "../../ui/RecordActions.tsx";
import { RecordLoadError } from "../../ui/RecordLoadError.tsx";
import { StatCard } from "../../ui/StatCard.tsx";
import { PLAN_STATUS_COLORS, PLAN_STATUS_LABELS } from "./labels.ts";
import { PlanFormModal } from "./PlanFormModal.tsx";
import { PlanItems } from "./PlanItems.tsx";
import { ownersText, percent, sharedCount } from "./plan.rules.ts";
import { ShareDialog } from "./ShareDialog.tsx";
import { planQuery, usePlanMutations } from "./use-plan-mutations.ts";

const route = getRouteApi("/_app/plans/$id");

/** The plan's status: a select for writers, a badge for everyone else. */
function PlanStatus({ plan, canWrite }: { plan: Plan; canWrite: boolean }) {
  const { update } = usePlanMutations();
  if (!canWrite) {
    return (
      <Badge variant="light" color={PLAN_STATUS_COLORS[plan.status]}>
        {PLAN_STATUS_LABELS[plan.status]}
      </Badge>
    );
  }
  return (
    <Select
      size="xs"
      w={130}
      aria-label="Plan status"
      allowDeselect={false}
      disabled={update.isPending}
      data={PLAN_STATUSES.map((s) => ({ value: s, label: PLAN_STATUS_LABELS[s] }))}
      value={plan.status}
      onChange={(s) =>
        s &&
        s !== plan.status &&
        update.mutate(
          { plan, body: { status: s as Plan["status"] } },
          {
            onError: (e) =>
              notifications.show({ color: "red", message: `The status was not changed: ${errorMessage(e)}` }),
          },
        )
      }
    />
  );
}

/** A success plan: its header and figures, its objectives and milestones, and sharing it. */
export function PlanPage() {
  const { id } = route.useParams();
  const session = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const plan = useQuery(planQuery(id));
  const [editing, edit] = useDisclosure(false);
  const [deleting, del] = useDisclosure(false);
  const [sharing, share] = useDisclosure(false);
  const { remove } = usePlanMutations();

  if (plan.isError) {
    return (
      <RecordLoadError
        list="/accounts"
        listLabel="Accounts"
        error={plan.error}
        title="This success plan could not be loaded"
        onRetry={() => plan.refetch()}
      />
    );
  }
  const p = plan.data;
  if (!p) {
    return <DetailSkeleton />;
  }
  const pct = percent(p.progress);
  const { shown, total } = sharedCount(p.items);
  const activeLinks = p.links.filter((l) => l.state === "active").length;
  return (
    <>
      <PageHeader
        above={
          <Breadcrumbs separator="›">
            <AnchorLink to="/accounts" size="sm" c="dimmed">
              Accounts
            </AnchorLink>
            <AnchorLink to="/accounts/$id" params={{ id: p.accountId }} size="sm" c="dimmed">
              {p.accountName}
            </AnchorLink>
            <Text size="sm" c="dimmed">
              Success plan
            </Text>
          </Breadcrumbs>
        }
        title={p.title}
        badges={
          <Group gap={6}>
            <PlanStatus plan={p} canWrite={session.canWrite} />
            {p.shared ? (
              <Badge variant="outline" color="teal" leftSection={<IconShare size={12} />}>
                Shared
              </Badge>
            ) : null}
          </Group>
        }
        description={
          [
            ownersText(p) ? `Owners: ${ownersText(p)}` : "No owners yet",
            p.startDate ? `from ${formatDate(p.startDate)}` : null,
            p.dueDate ? `due ${formatDate(p.dueDate)} (${relativeDays(p.dueDate)})` : null,
          ]
            .filter(Boolean)
            .join(" · ") || undefined
        }
        actions={
          session.canWrite ? (
            <>
              <Button variant="light" leftSection={<IconShare size={16} />} onClick={share.open}>
                Share
              </Button>
              <RecordActions
                onEdit={edit.open}
                onDelete={() => {
                  remove.reset();
                  del.open();
                }}
                deleteLabel="Delete plan"
              />
            </>
          ) : (
            <Button variant="default" leftSection={<IconShare size={16} />} onClick={share.open}>
              Share links
            </Button>
          )
        }
      />
      {p.summary ? (
        <Text size="sm" mb="md" maw={900} style={{ whiteSpace: "pre-wrap" }}>
          {p.summary}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 2, md: 4 }} mb="md" spacing="md">
        <StatCard
          label="Progress"
          value={`${pct}%`}
          hint="The mean of the objectives' progress"
          testId="plan-progress"
        >
          <Progress
            value={pct}
            size="sm"
            mt={6}
            color={pct === 100 ? "green" : "blue"}
            aria-label="Plan progress"
          />
        </StatCard>
        <StatCard
          label="Objectives"
          value={p.objectives}
          hint={`${p.milestones} milestone${p.milestones === 1 ? "" : "s"}`}
        />
        <StatCard
          label="Overdue"
          value={
            <Text span inherit c={p.overdue > 0 ? "red" : undefined}>
              {p.overdue}
            </Text>
          }
          hint={p.overdue > 0 ? "Past their due date and not done" : "Nothing is late"}
        />
        <StatCard
          label="Customer's page"
          value={`${shown} of ${total}`}
          hint={
            activeLinks > 0
              ? `items shown · ${activeLinks} active link${activeLinks === 1 ? "" : "s"}`
              : "items shown · no active link"
          }
        />
      </SimpleGrid>
      <PlanItems plan={p} canWrite={session.canWrite} />

      <PlanFormModal opened={editing} onClose={edit.close} accountId={p.accountId} plan={p} />
      <ShareDialog plan={p} opened={sharing} onClose={share.close} canWrite={session.canWrite} />
      <ConfirmDialog
        opened={deleting}
        onClose={del.close}
        title={`Delete “${p.title}”?`}
        message="The plan, its objectives, milestones and share links are removed; the key players' outcomes stay. This cannot be undone."
        confirmLabel="Delete plan"
        onConfirm={() =>
          remove.mutate(p, {
            onSuccess: async () => {
              notifications.show({ message: `Plan “${p.title}” deleted` });
              await navigate({ to: "/accounts/$id", params: { id: p.accountId } });
              qc.removeQueries(planQuery(p.id));
            },
          })
        }
        loading={remove.isPending}
        error={remove.error}
      />
    </>
  );
}
