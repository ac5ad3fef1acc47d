import { Tabs } from "@mantine/core";
import {
  IconChartBar,
  IconClockPlay,
  IconHistory,
  IconKey,
  IconListDetails,
  IconMail,
  IconMailForward,
  IconPlugConnected,
  IconRoute,
  IconScale,
  IconStairsUp,
  IconTemplate,
  IconUsers,
} from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useSession } from "../../lib/session.ts";
import type { SettingsTab } from "../../router.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { CaptureSettingsTab } from "../capture/CaptureSettingsTab.tsx";
import { CoverageSettingsTab } from "../coverage/CoverageSettingsTab.tsx";
import { JobsTab } from "../jobs/JobsTab.tsx";
import { JourneyListsTab } from "../journey/JourneyListsTab.tsx";
import { LifecycleSettingsTab } from "../lifecycle/LifecycleSettingsTab.tsx";
import { PlanTemplatesTab } from "../plans/PlanTemplatesTab.tsx";
import { RevenueSettingsTab } from "../revenue/RevenueSettingsTab.tsx";
import { ApiKeysTab } from "./ApiKeysTab.tsx";
import { AuditLogTab } from "./AuditLogTab.tsx";
import { CustomFieldsTab } from "./CustomFieldsTab.tsx";
import { MembersTab } from "./MembersTab.tsx";
import { OutboxTab } from "./OutboxTab.tsx";
import { SourcesTab } from "./SourcesTab.tsx";

const route = getRouteApi("/_app/settings/$tab");

export function SettingsPage() {
  const { tab } = route.useParams();
  const navigate = route.useNavigate();
  const session = useSession();
  const tabs = [
    { value: "members", label: "Members", icon: IconUsers, show: true },
    { value: "coverage", label: "Coverage", icon: IconScale, show: true },
    { value: "lifecycle", label: "Lifecycle", icon: IconStairsUp, show: true },
    { value: "revenue", label: "Revenue", icon: IconChartBar, show: true },
    { value: "api-keys", label: "API keys", icon: IconKey, show: session.isAdmin },
    { value: "sources", label: "Sources", icon: IconPlugConnected, show: true },
    { value: "custom-fields", label: "Custom fields", icon: IconListDetails, show: true },
    { value: "journey-lists", label: "Journey steps", icon: IconRoute, show: true },
    { value: "plan-templates", label: "Plan templates", icon: IconTemplate, show: true },
    { value: "email-capture", label: "Email capture", icon: IconMailForward, show: true },
    { value: "outbox", label: "Outbox", icon: IconMail, show: session.isAdmin },
    { value: "jobs", label: "Jobs", icon: IconClockPlay, show: session.isAdmin },
    { value: "audit-log", label: "Audit log", icon: IconHistory, show: session.isAdmin },
  ] as const;
  const visible = tabs.filter((t) => t.show);
  const current = visible.some((t) => t.value === tab) ? tab : "members";

  return (
    <>
      <PageHeader title="Settings" description={`Workspace ${session.workspace.name}`} />
      <Tabs
        value={current}
        onChange={(v) => v && navigate({ params: { tab: v as SettingsTab } })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {visible.map((t) => (
            <Tabs.Tab key={t.value} value={t.value} leftSection={<t.icon size={16} />}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="members">
          <MembersTab />
        </Tabs.Panel>
        <Tabs.Panel value="coverage">
          <CoverageSettingsTab />
        </Tabs.Panel>
        <Tabs.Panel value="lifecycle">
          <LifecycleSettingsTab />
        </Tabs.Panel>
        <Tabs.Panel value="revenue">
          <RevenueSettingsTab />
        </Tabs.Panel>
        {session.isAdmin ? (
          <Tabs.Panel value="api-keys">
            <ApiKeysTab />
          </Tabs.Panel>
        ) : null}
        <Tabs.Panel value="sources">
          <SourcesTab />
        </Tabs.Panel>
        <Tabs.Panel value="custom-fields">
          <CustomFieldsTab />
        </Tabs.Panel>
        <Tabs.Panel value="journey-lists">
          <JourneyListsTab />
        </Tabs.Panel>
        <Tabs.Panel value="plan-templates">
          <PlanTemplatesTab />
        </Tabs.Panel>
        <Tabs.Panel value="email-capture">
          <CaptureSettingsTab />
        </Tabs.Panel>
        {session.isAdmin ? (
          <Tabs.Panel value="outbox">
            <OutboxTab />
          </Tabs.Panel>
        ) : null}
        {session.isAdmin ? (
          <Tabs.Panel value="jobs">
            <JobsTab />
          </Tabs.Panel>
        ) : null}
        {session.isAdmin ? (
          <Tabs.Panel value="audit-log">
            <AuditLogTab />
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </>
  );
}
