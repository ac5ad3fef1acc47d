import { Alert, Progress, Stack, Text } from "@mantine/core";
import { IconAlertCircle, IconInfoCircle } from "@tabler/icons-react";
import { DEMO_LOGIN } from "../../../common/demo.ts";
import type { DemoStatus as Status } from "../../../contract/index.ts";

/** "usage history (62%)": the demo load's step in plain words with how far the whole load is. */
export const demoProgressText = (s: Extract<Status, { state: "loading" }>): string =>
  `${s.step} (${Math.floor((100 * s.done) / s.total)}%)`;

/** The demo workspace on the sign-in page: its progress while it loads, then how to sign in to it. */
export function DemoStatus({ status }: { status: Status | undefined }) {
  if (!status || status.state === "none") return null;
  if (status.state === "loading") {
    return (
      <Stack gap={6} role="status" aria-live="polite">
        <Text size="sm">Preparing the demo workspace: {demoProgressText(status)}</Text>
        <Progress
          value={(100 * status.done) / status.total}
          animated
          aria-label="Demo workspace loading progress"
        />
        <Text size="xs" c="dimmed">
          Its sign-in works once it is ready; this page updates by itself.
        </Text>
      </Stack>
    );
  }
  if (status.state === "failed") {
    return (
      <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
        {status.message}
      </Alert>
    );
  }
  // A hint, not an alert: Mantine's Alert says role="alert" unless told, which would make screen
  // readers interrupt with it and hide the real sign-in error behind it.
  return (
    <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} role="note">
      Demo workspace: sign in as <b>{DEMO_LOGIN.email}</b> with the password <b>{DEMO_LOGIN.password}</b>.
    </Alert>
  );
}
