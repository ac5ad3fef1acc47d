import { Alert, List } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";

/**
 * The server's notes on what limits its figures (several currencies without a base, a missing
 * rate, too little history), shown as they are written; nothing when there are none.
 */
export function ServerNotes({ notes, testId }: { notes: string[]; testId?: string }) {
  if (notes.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} data-testid={testId}>
      {notes.length === 1 ? (
        notes[0]
      ) : (
        <List size="sm">
          {notes.map((n) => (
            <List.Item key={n}>{n}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
