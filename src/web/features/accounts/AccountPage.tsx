import { Breadcrumbs, Grid, Group, SimpleGrid, Stack, Tabs, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconActivity, IconLayoutDashboard } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { routes } from "../../../contract/index.ts";
import { daysUntil, formatDate, formatMoney, relativeDays } from "../../lib/format.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { DetailSkeleton } from "../../ui/DetailSkeleton.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { RecordActions } from "../../ui/RecordActions.tsx";
import { RecordLoadError } from "../../ui/RecordLoadError.tsx";
import { StatCard } from "../../ui/StatCard.tsx";
import { AccountAdvocacy } from "../advocacy/AccountAdvocacy.tsx";
import { AccountHealthPanel } from "../health/AccountHealthPanel.tsx";
import { AccountTasks } from "../inbox/AccountTasks.tsx";
import { AccountTouchpoints } from "../journey/AccountTouchpoints.tsx";
import { AccountLifecycle } from "../lifecycle/AccountLifecycle.tsx";
import { AccountPlans } from "../plans/AccountPlans.tsx";
import { AccountPlaybooks } from "../playbooks/AccountPlaybooks.tsx";
import { AccountRevenueHistory } from "../revenue/AccountRevenueHistory.tsx";
import { AccountChurnCard } from "../risk/AccountChurnCard.tsx";
import { StakeholderMap } from "../stakeholders/StakeholderMap.tsx";
import { AccountSuccess } from "../success/AccountSuccess.tsx";
import { AccountExperience } from "../surveys/AccountExperience.tsx";
import { AccountUsage } from "../usage/AccountUsage.tsx";
import { AccountFacts } from "./AccountFacts.tsx";
import { AccountFormModal } from "./AccountFormModal.tsx";
import { AccountSignals } from "./AccountSignals.tsx";
import { AccountTeam } from "./AccountTeam.tsx";
import { StageBadge } from "./cells.tsx";
import { KeyPlayers } from "./KeyPlayers.tsx";
import { SourceBadge } from "./SettingSource.tsx";
import { Subscriptions } from "./Subscriptions.tsx";
import { Timeline } from "./Timeline.tsx";
import { useDeleteAccount } from "./use-account-mutations.ts";

const route = getRouteApi("/_app/accounts/$id");

export function AccountPage() {
  const { id } = route.useParams();
  const search = route.useSearch();
  const navigateTab = route.useNavigate();
  const session = useSession();
  const navigate = useNavigate();
  const [editing, edit] = useDisclosure(false);
  const [deleting, del] = useDisclosure(false);

  const account = useQuery(apiQuery(routes.getAccount, { params: { id } }));
  const parentId = account.data?.parentId ?? null;
  const parent = useQuery({
    ...apiQuery(routes.getAccount, { params: { id: parentId ?? "" } }),
    enabled: Boolean(parentId),
  });

  const children = useQuery({
    ...apiQuery(routes.listAccounts, { query: { parentId: id, limit: 50, sort: "name" } }),
    enabled: Boolean(account.data),
  });
  const childCount = children.data
    ? `${children.data.data.length}${children.data.nextCursor ? "+" : ""}`
    : null;

  const remove = useDeleteAccount(id);
  const onDeleted = async () => {
    notifications.show({ message: `${account.data?.name ?? "Account"} deleted` });
    await navigate({ to: "/accounts" });
  };

  if (account.isError) {
    return (
      <RecordLoadError
        list="/accounts"
        listLabel="Accounts"
        error={account.error}
        title="This account could not be loaded"
        onRetry={() => account.refetch()}
      />
    );
  }
  if (!account.data) {
    return <DetailSkeleton />;
  }

  const a = account.data;
  const renewalDays = daysUntil(a.nextRenewalDate);
  return (
    <>
      <PageHeader
        above={
          <Breadcrumbs separator="›">
            <AnchorLink to="/accounts" size="sm" c="dimmed">
              Accounts
            </AnchorLink>
            {parent.data ? (
              <AnchorLink to="/accounts/$id" params={{ id: parent.data.id }} size="sm" c="dimmed">
                {parent.data.name}
              </AnchorLink>
            ) : null}
            <Text size="sm" c="dimmed">
              {a.name}
            </Text>
          </Breadcrumbs>
        }
        title={a.name}
        badges={
          <Group gap={6}>
            <StageBadge stage={a.lifecycleStage} />
            {a.tier ? (
              <Text size="sm" c="dimmed">
                {a.tier}
              </Text>
            ) : null}
          </Group>
        }
        description={[a.industry, a.region, a.domain].filter(Boolean).join(" · ") || undefined}
        actions={
          session.canWrite ? (
            <RecordActions
              onEdit={edit.open}
              onDelete={() => {
                remove.reset();
                del.open();
              }}
              deleteLabel="Delete account"
            />
          ) : null
        }
      />

      <SimpleGrid cols={{ base: 2, md: 4 }} mb="md" spacing="md">
        <StatCard
          label="ARR"
          value={formatMoney(a.arrMinor, a.currency)}
          hint={`MRR ${formatMoney(a.mrrMinor, a.currency)}`}
        />
        <StatCard
          label="Next renewal"
          value={a.nextRenewalDate ? formatDate(a.nextRenewalDate) : "—"}
          hint={
            a.nextRenewalDate
              ? renewalDays !== null && renewalDays >= 0 && renewalDays <= 90
                ? `Renews ${relativeDays(a.nextRenewalDate)} — prepare the renewal`
                : relativeDays(a.nextRenewalDate)
              : "No renewal date on any subscription"
          }
        />
        <StatCard
          label="Owner"
          value={a.ownerName ?? "Unassigned"}
          hint={a.ownerName ? "Account owner" : "Assign an owner"}
          footer={
            a.ownerName ? (
              <Group mt={4}>
                <SourceBadge kind="owner" source={a.ownerSource} />
              </Group>
            ) : null
          }
          testId="account-owner"
        />
        <StatCard
          label="Parent account"
          value={
            a.parentId ? (
              <AnchorLink to="/accounts/$id" params={{ id: a.parentId }} fz={18} fw={600}>
                {parent.data?.name ?? "Parent"}
              </AnchorLink>
            ) : (
              <Text span fz={18} c="dimmed">
                None
              </Text>
            )
          }
          hint={
            childCount === null
              ? undefined
              : childCount === "0"
                ? "No child accounts"
                : `${childCount} child account${childCount === "1" ? "" : "s"}`
          }
        />
      </SimpleGrid>

      <Tabs
        value={search.tab ?? "overview"}
        onChange={(v) =>
          navigateTab({
            search: (prev) => ({ ...prev, tab: v === "usage" ? "usage" : undefined }),
            replace: true,
          })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="overview" leftSection={<IconLayoutDashboard size={16} />}>
            Overview
          </Tabs.Tab>
          <Tabs.Tab value="usage" leftSection={<IconActivity size={16} />}>
            Usage
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <AccountHealthPanel account={a} canWrite={session.canWrite} />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <Stack gap="md">
                <AccountSignals account={a} />
                <AccountTasks account={a} canWrite={session.canWrite} />
                <AccountPlaybooks account={a} canWrite={session.canWrite} />
                <KeyPlayers account={a} canWrite={session.canWrite} />
                <StakeholderMap accountId={a.id} />
                <AccountSuccess accountId={a.id} canWrite={session.canWrite} />
                <AccountPlans accountId={a.id} canWrite={session.canWrite} />
                <AccountExperience account={a} canWrite={session.canWrite} />
                <AccountAdvocacy account={a} canWrite={session.canWrite} />
                <AccountTouchpoints accountId={a.id} canWrite={session.canWrite} />
                <Subscriptions account={a} canWrite={session.canWrite} />
                <AccountRevenueHistory accountId={a.id} />
                <Timeline accountId={a.id} canWrite={session.canWrite} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Stack gap="md">
                <AccountFacts account={a} canWrite={session.canWrite} />
                <AccountLifecycle accountId={a.id} />
                <AccountChurnCard accountId={a.id} />
                <AccountTeam account={a} canWrite={session.canWrite} />
              </Stack>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Tabs.Panel value="usage">
          <AccountUsage
            account={a}
            period={search.period ?? "30d"}
            onPeriod={(period) => navigateTab({ search: (prev) => ({ ...prev, period }), replace: true })}
          />
        </Tabs.Panel>
      </Tabs>

      <AccountFormModal opened={editing} onClose={edit.close} account={a} parentName={parent.data?.name} />
      <ConfirmDialog
        opened={deleting}
        onClose={del.close}
        title={`Delete ${a.name}?`}
        message="This deletes the account with its contacts, subscriptions, team and timeline. It cannot be undone."
        confirmLabel="Delete account"
        onConfirm={() => remove.mutate(undefined, { onSuccess: onDeleted })}
        loading={remove.isPending}
        error={remove.error}
      />
    </>
  );
}
