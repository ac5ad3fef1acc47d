import { Button, Group, Text } from "@mantine/core";
import { IconDeviceFloppy, IconEye, IconPlayerPlay } from "@tabler/icons-react";
import type { ReactNode } from "react";

/**
 * The foot of a settings form whose saved rules act on accounts (tiering, lifecycle transitions):
 * who changed it last, Preview (tries the unsaved draft), Apply now (uses the saved settings, so
 * only without unsaved changes) and Save; and, with unsaved changes, a line saying which is which.
 */
export function PreviewApplyBar({
  updated,
  dirty,
  saving,
  previewing,
  onPreview,
  onApply,
  previewBlocked,
  applyBlocked,
  what,
}: {
  updated: ReactNode;
  dirty: boolean;
  saving: boolean;
  previewing: boolean;
  onPreview: () => void;
  onApply: () => void;
  /** Why Preview cannot run now, or null. */
  previewBlocked?: string | null;
  /** Why Apply now cannot run with the saved settings, or null. */
  applyBlocked?: string | null;
  /** What is saved, in words: "rules", "stages". */
  what: string;
}) {
  const applyWhy = dirty
    ? `Save your changes first: Apply now uses the saved ${what}`
    : (applyBlocked ?? null);
  return (
    <>
      <Group justify="space-between">
        {updated}
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconEye size={16} />}
            loading={previewing}
            disabled={Boolean(previewBlocked)}
            title={previewBlocked ?? undefined}
            onClick={onPreview}
          >
            Preview
          </Button>
          <Button
            variant="default"
            leftSection={<IconPlayerPlay size={16} />}
            disabled={applyWhy !== null}
            title={applyWhy ?? undefined}
            onClick={onApply}
          >
            Apply now
          </Button>
          <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={saving}>
            Save
          </Button>
        </Group>
      </Group>
      {dirty ? (
        <Text size="xs" c="dimmed" ta="right">
          Unsaved changes: Preview tries them; Apply now uses the saved {what}, so save first.
        </Text>
      ) : null}
    </>
  );
}
