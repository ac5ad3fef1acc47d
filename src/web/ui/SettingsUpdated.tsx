import { Text } from "@mantine/core";
import { formatDateTime } from "../lib/format.ts";

/** Who last changed a workspace's settings, and when; `never` says what stands until someone does. */
export function SettingsUpdated({
  settings,
  never = "Never changed: these are the defaults.",
}: {
  settings: { updatedAt: string | null; updatedBy: { name: string } | null };
  never?: string;
}) {
  if (!settings.updatedAt) {
    return (
      <Text size="xs" c="dimmed">
        {never}
      </Text>
    );
  }
  return (
    <Text size="xs" c="dimmed">
      Last changed {formatDateTime(settings.updatedAt)}
      {settings.updatedBy ? ` by ${settings.updatedBy.name}` : ""}
    </Text>
  );
}
