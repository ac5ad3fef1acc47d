import { Tabs } from "@mantine/core";
import { IconCalendarRepeat, IconChartHistogram, IconFlag, IconTrendingUp } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { ExpansionPanel } from "../expansion/ExpansionPanel.tsx";
import { BacktestTab } from "./BacktestTab.tsx";
import { OutcomesTab } from "./OutcomesTab.tsx";
import { PipelineTab } from "./PipelineTab.tsx";
import type { RenewalTab } from "./renewalsView.ts";

const route = getRouteApi("/_app/renewals");

const DESCRIPTIONS: Record<RenewalTab, string> = {
  pipeline:
    "Subscriptions coming up for renewal, the forecast weighted by each one's renewal probability, and your calls",
  outcomes: "How renewals ended in a period, and why",
  backtest: "How the forecast would have done in past quarters",
  expansion: "Chances to sell customers more, and the ones the expansion model suggests",
};

/**
 * Renewals: the pipeline of a window with its forecast and the conversation about each renewal,
 * the outcomes of a period with their reasons, and the forecast's backtest (docs/renewals.md).
 * The tab and every filter are in the URL.
 */
export function RenewalsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const tab: RenewalTab = search.tab ?? "pipeline";
  return (
    <>
      <PageHeader title="Renewals" description={DESCRIPTIONS[tab]} />
      <Tabs
        value={tab}
        onChange={(v) =>
          navigate({
            search: (prev) => ({
              ...prev,
              tab: v === "outcomes" || v === "backtest" || v === "expansion" ? v : undefined,
            }),
            replace: true,
          })
        }
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="pipeline" leftSection={<IconCalendarRepeat size={16} />}>
            Pipeline
          </Tabs.Tab>
          <Tabs.Tab value="outcomes" leftSection={<IconFlag size={16} />}>
            Outcomes
          </Tabs.Tab>
          <Tabs.Tab value="backtest" leftSection={<IconChartHistogram size={16} />}>
            Backtest
          </Tabs.Tab>
          <Tabs.Tab value="expansion" leftSection={<IconTrendingUp size={16} />}>
            Expansion
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {tab === "pipeline" ? (
        <PipelineTab />
      ) : tab === "outcomes" ? (
        <OutcomesTab />
      ) : tab === "expansion" ? (
        <ExpansionPanel />
      ) : (
        <BacktestTab />
      )}
    </>
  );
}
