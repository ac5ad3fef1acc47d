import { Alert, Button, Group, Text } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { errorMessage, isApiError } from "../api.ts";

const hintFor = (e: unknown): string | null => {
  if (!isApiError(e)) return null;
  switch (e.code) {
    case "FORBIDDEN":
      return "Your role does not allow this. Ask a workspace admin.";
    case "NOT_FOUND":
      return "It may have been deleted, or the link is wrong.";
    case "CSRF_FAILED":
      return "Your session token is stale. Reload the page and try again.";
    case "RATE_LIMITED":
      return "Wait a moment, then try again.";
    case "NETWORK":
      return null;
    default:
      return e.status >= 500 ? "Try again; if it keeps failing, check the server logs." : null;
  }
};

/** What went wrong (the server's message) and what to do about it. */
export function ErrorAlert({
  error,
  title,
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const hint = hintFor(error);
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle size={18} />}
      title={title ?? "Something went wrong"}
    >
      <Text size="sm">{errorMessage(error)}</Text>
      {hint ? (
        <Text size="sm" c="dimmed" mt={4}>
          {hint}
        </Text>
      ) : null}
      {onRetry ? (
        <Group mt="sm">
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        </Group>
      ) : null}
    </Alert>
  );
}
