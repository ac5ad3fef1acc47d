import { Skeleton } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useSession } from "../../lib/session.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { RevenueSettingsForm } from "./RevenueSettingsForm.tsx";
import { RevenueSettingsView } from "./RevenueSettingsView.tsx";
import { revenueSettingsQuery } from "./use-revenue.ts";

/** Settings → Revenue: policies, base currency and rates, gross margin, forecast thresholds; admins edit, others read. */
export function RevenueSettingsTab() {
  const session = useSession();
  const settings = useQuery(revenueSettingsQuery);
  if (settings.isError) {
    return (
      <ErrorAlert
        error={settings.error}
        title="The revenue settings could not be loaded"
        onRetry={() => settings.refetch()}
      />
    );
  }
  if (!settings.data) return <Skeleton h={320} />;
  return session.isAdmin ? (
    <RevenueSettingsForm settings={settings.data} />
  ) : (
    <RevenueSettingsView settings={settings.data} />
  );
}
