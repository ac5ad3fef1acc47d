import { Skeleton } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useSession } from "../../lib/session.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { CoverageSettingsForm } from "./CoverageSettingsForm.tsx";
import { CoverageSettingsView } from "./CoverageSettingsView.tsx";
import { coverageSettingsQuery } from "./use-coverage.ts";

/** Settings → Coverage: capacity per coverage model and the tiering rules; admins edit, others read. */
export function CoverageSettingsTab() {
  const session = useSession();
  const settings = useQuery(coverageSettingsQuery);
  if (settings.isError) {
    return (
      <ErrorAlert
        error={settings.error}
        title="The coverage settings could not be loaded"
        onRetry={() => settings.refetch()}
      />
    );
  }
  if (!settings.data) return <Skeleton h={320} />;
  return session.isAdmin ? (
    <CoverageSettingsForm settings={settings.data} />
  ) : (
    <CoverageSettingsView settings={settings.data} />
  );
}
