import { Skeleton } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useSession } from "../../lib/session.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { LifecycleSettingsForm } from "./LifecycleSettingsForm.tsx";
import { LifecycleSettingsView } from "./LifecycleSettingsView.tsx";
import { lifecycleSettingsQuery } from "./use-lifecycle.ts";

/** Settings → Lifecycle: the stages in journey order, their entry criteria, first value; admins edit, others read. */
export function LifecycleSettingsTab() {
  const session = useSession();
  const settings = useQuery(lifecycleSettingsQuery);
  if (settings.isError) {
    return (
      <ErrorAlert
        error={settings.error}
        title="The lifecycle settings could not be loaded"
        onRetry={() => settings.refetch()}
      />
    );
  }
  if (!settings.data) return <Skeleton h={320} />;
  return session.isAdmin ? (
    <LifecycleSettingsForm settings={settings.data} />
  ) : (
    <LifecycleSettingsView settings={settings.data} />
  );
}
