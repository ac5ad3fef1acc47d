import { Text } from "@mantine/core";
import type { CoverageSettings } from "../../../contract/index.ts";
import { formatDateTime } from "../../lib/format.ts";

/** Who last changed the settings, and when. */
export function SettingsUpdated({ settings }: { settings: CoverageSettings }) {
  if (!settings.updatedAt) {
    return (
      <Text size="xs" c="dimmed">
        Never changed: these are the defaults.
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
