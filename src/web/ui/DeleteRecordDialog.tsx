import { notifications } from "@mantine/notifications";
import { ConfirmDialog } from "./ConfirmDialog.tsx";

type Removal = {
  mutate: (id: string, options: { onSuccess: () => void }) => void;
  isPending: boolean;
  error: unknown;
};

/**
 * Asks before deleting a record ("Delete “Churn watch”?"), says what goes with it, and shows the
 * server's reason when it refuses; once deleted, says so and calls `onDeleted` (back to the list).
 */
export function DeleteRecordDialog({
  opened,
  onClose,
  record,
  noun,
  message,
  remove,
  onDeleted,
}: {
  opened: boolean;
  onClose: () => void;
  record: { id: string; name: string };
  /** What it is, for the button: "rule" → "Delete rule". */
  noun: string;
  message: string;
  remove: Removal;
  onDeleted: () => void;
}) {
  return (
    <ConfirmDialog
      opened={opened}
      onClose={onClose}
      title={`Delete “${record.name}”?`}
      message={message}
      confirmLabel={`Delete ${noun}`}
      onConfirm={() =>
        remove.mutate(record.id, {
          onSuccess: () => {
            onClose();
            notifications.show({ message: `“${record.name}” deleted` });
            onDeleted();
          },
        })
      }
      loading={remove.isPending}
      error={remove.error}
    />
  );
}
