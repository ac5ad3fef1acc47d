import { Badge, Stack, Tabs } from "@mantine/core";
import {
  IconChartLine,
  IconInbox,
  IconListDetails,
  IconMoon,
  IconPlugConnected,
  IconTimeline,
} from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { routes, type UsagePeriod } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import type { UsageSearch, UsageTab } from "../../router.tsx";
import { ButtonLink } from "../../ui/links.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { FeatureAdoption } from "./FeatureAdoption.tsx";
import { LiveTail } from "./LiveTail.tsx";
import { ParkedGroups } from "./ParkedGroups.tsx";
import { QuietList } from "./QuietList.tsx";
import { UsageOverviewTab } from "./UsageOverviewTab.tsx";
import { UsageSettingsCard } from "./UsageSettingsCard.tsx";

const route = getRouteApi("/_app/usage");

/** Workspace product usage: adoption trends, features, quiet accounts, parked groups and the live event tail. */
export function UsagePage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const session = useSession();
  const tab = search.tab ?? "overview";
  const period = search.period ?? "30d";
  const setSearch = (patch: Partial<UsageSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const setPeriod = (p: UsagePeriod) => setSearch({ period: p === "30d" ? undefined : p });

  const needsOverview = tab === "overview" || tab === "features";
  const overview = useQuery({
    ...apiQuery(routes.getUsageOverview, { query: { period } }),
    placeholderData: keepPreviousData,
    enabled: needsOverview,
  });
  const parked = useQuery(apiQuery(routes.listParkedGroups, { query: { limit: 50 } }));
  const parkedCount = parked.data ? `${parked.data.data.length}${parked.data.nextCursor ? "+" : ""}` : null;

  return (
    <>
      <PageHeader
        title="Usage"
        description="How customers use your product: who is active, which features they adopt, who went quiet"
        actions={
          <ButtonLink
            to="/settings/$tab"
            params={{ tab: "sources" }}
            variant="default"
            leftSection={<IconPlugConnected size={16} />}
          >
            Sources
          </ButtonLink>
        }
      />
      <Tabs
        value={tab}
        onChange={(v) => setSearch({ tab: v === "overview" ? undefined : (v as UsageTab) })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="overview" leftSection={<IconChartLine size={16} />}>
            Overview
          </Tabs.Tab>
          <Tabs.Tab value="features" leftSection={<IconListDetails size={16} />}>
            Features
          </Tabs.Tab>
          <Tabs.Tab value="quiet" leftSection={<IconMoon size={16} />}>
            Quiet
          </Tabs.Tab>
          <Tabs.Tab
            value="parked"
            leftSection={<IconInbox size={16} />}
            rightSection={
              parkedCount && parkedCount !== "0" ? (
                <Badge size="xs" variant="light" color="orange" circle={parkedCount.length === 1}>
                  {parkedCount}
                </Badge>
              ) : null
            }
          >
            Parked groups
          </Tabs.Tab>
          <Tabs.Tab value="live" leftSection={<IconTimeline size={16} />}>
            Live events
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <UsageOverviewTab overview={overview} period={period} onPeriod={setPeriod} />
        </Tabs.Panel>
        <Tabs.Panel value="features">
          <FeatureAdoption
            overview={overview}
            period={period}
            onPeriod={setPeriod}
            isAdmin={session.isAdmin}
          />
        </Tabs.Panel>
        <Tabs.Panel value="quiet">
          <Stack gap="md">
            <UsageSettingsCard isAdmin={session.isAdmin} />
            <QuietList />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="parked">
          <ParkedGroups isAdmin={session.isAdmin} />
        </Tabs.Panel>
        <Tabs.Panel value="live">
          <LiveTail source={search.source} onSource={(source) => setSearch({ source })} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
