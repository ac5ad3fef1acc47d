import { Alert, Button, Code, Group, List, Skeleton, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconInfoCircle, IconRefresh } from "@tabler/icons-react";
import { useSession } from "../../lib/session.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { ButtonLink } from "../../ui/links.tsx";
import { SecretOnce } from "../../ui/SecretOnce.tsx";
import { useCaptureAddress, useCaptureMutations } from "./use-capture.ts";

/**
 * The workspace's capture address for everyone, how capture works, and for admins a new address
 * when the old one went where it should not.
 */
export function CaptureSettingsTab() {
  const session = useSession();
  const capture = useCaptureAddress();
  const { regenerate } = useCaptureMutations();
  const [confirming, confirm] = useDisclosure(false);
  const c = capture.data;

  if (capture.isError) {
    return (
      <ErrorAlert
        error={capture.error}
        title="The capture address could not be loaded"
        onRetry={() => capture.refetch()}
      />
    );
  }
  if (!c) return <Skeleton h={120} />;
  if (!c.address) {
    return (
      <Alert variant="light" icon={<IconInfoCircle size={18} />} title="Email capture is off">
        {c.reason}
      </Alert>
    );
  }
  return (
    <Stack gap="md" maw={760}>
      <Text size="sm">
        BCC this address on mail to a customer, or forward a customer&apos;s mail to it, from your own address
        in this workspace. Steward matches the people on it to contacts and account domains and logs it as an
        email touchpoint of that account, with its key players; mail it cannot place waits for review on the
        Journey page.
      </Text>
      <SecretOnce value={c.address} testId="capture-address" copyLabel="Copy address" />
      <List size="sm" spacing={4}>
        <List.Item>
          Only mail from this workspace&apos;s members is taken; viewers&apos; mail is refused.
        </List.Item>
        <List.Item>
          Kept: the sender, recipients, subject, date and text.{" "}
          <strong>Attachments and HTML are not stored.</strong>
        </List.Item>
        <List.Item>At most 10 MB per message and 60 messages a minute.</List.Item>
      </List>
      <Group gap="sm">
        <ButtonLink to="/journey" size="xs" variant="light">
          Review captured email
        </ButtonLink>
        {session.isAdmin ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            onClick={() => {
              regenerate.reset();
              confirm.open();
            }}
          >
            New address
          </Button>
        ) : null}
      </Group>
      <ConfirmDialog
        opened={confirming}
        onClose={confirm.close}
        title="Replace the capture address?"
        message={
          <Text size="sm">
            Mail to <Code>{c.address}</Code> is refused from then on: everyone who BCCs it, and any forwarding
            rule pointing at it, must use the new address.
          </Text>
        }
        confirmLabel="Replace address"
        onConfirm={() =>
          regenerate.mutate(undefined, {
            onSuccess: () => {
              confirm.close();
              notifications.show({
                color: "green",
                message: "New capture address made; the old one no longer works",
              });
            },
          })
        }
        loading={regenerate.isPending}
        error={regenerate.error}
      />
    </Stack>
  );
}
