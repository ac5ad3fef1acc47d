import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconInbox } from "@tabler/icons-react";
import { type CapturedEmail, routes } from "../../../contract/index.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useApiPages } from "../../lib/query.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { FormError } from "../../ui/FormError.tsx";
import { useEditTarget } from "../../ui/form.ts";
import { Section } from "../../ui/Section.tsx";
import { ShowMore } from "../../ui/ShowMore.tsx";
import { AssignEmailModal } from "./AssignEmailModal.tsx";
import { CaptureAddressLine } from "./CaptureAddressLine.tsx";
import { useCaptureAddress, useCaptureMutations } from "./use-capture.ts";

const PAGE = 10;

const who = (a: { address: string; name: string | null }) =>
  a.name ? `${a.name} <${a.address}>` : a.address;

function ReviewItem({
  email,
  canWrite,
  onAssign,
}: {
  email: CapturedEmail;
  canWrite: boolean;
  onAssign: (e: CapturedEmail) => void;
}) {
  const { dismiss } = useCaptureMutations();
  const participants = email.participants.map((p) => p.name ?? p.address);
  return (
    <Stack
      component="li"
      gap={4}
      py="xs"
      aria-label={email.subject}
      style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Group gap={6}>
            <Badge size="sm" variant="light" color="yellow">
              {email.participants.some((p) => p.accountId) ? "Several accounts" : "No account found"}
            </Badge>
            <Text size="sm" fw={500}>
              {email.subject || "(no subject)"}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {[
              `From ${who(email.from)}`,
              formatDateTime(email.sentAt),
              email.senderName ? `${email.forwarded ? "forwarded" : "sent"} by ${email.senderName}` : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
          <Text size="xs">
            {participants.length > 0
              ? `With ${participants.join(", ")}`
              : "No one outside the workspace on it"}
          </Text>
          {email.preview ? (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {email.preview}
            </Text>
          ) : null}
        </Stack>
        {canWrite ? (
          <Group gap={4} wrap="nowrap">
            <Button size="xs" variant="light" onClick={() => onAssign(email)}>
              Assign to account
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="gray"
              loading={dismiss.isPending}
              onClick={() =>
                dismiss.mutate(email, {
                  onSuccess: () => notifications.show({ message: `“${email.subject}” dismissed` }),
                })
              }
            >
              Dismiss
            </Button>
          </Group>
        ) : null}
      </Group>
      <FormError error={dismiss.error} />
    </Stack>
  );
}

/**
 * Captured email Steward could not place: no participant was a known contact or account domain,
 * or they pointed to several accounts. Anyone who logs touchpoints assigns each to an account or
 * dismisses it.
 */
export function CapturedEmailReview({ canWrite }: { canWrite: boolean }) {
  const assigning = useEditTarget<CapturedEmail>();
  const list = useApiPages(routes.listCapturedEmails, { query: { status: ["unmatched"], limit: PAGE } });
  const rows = list.rows;
  const capture = useCaptureAddress();
  // With the listener off and nothing captured before, there is nothing to show here.
  if (capture.data && !capture.data.enabled && list.isSuccess && rows.length === 0) return null;

  return (
    <Section
      title="Captured email to review"
      count={list.isSuccess && !list.hasNextPage ? rows.length : undefined}
      description="Email sent to the capture address that Steward could not match to one account"
      testId="capture-review"
    >
      <Stack gap="sm">
        <CaptureAddressLine />
        {list.isError ? (
          <ErrorAlert
            error={list.error}
            title="Captured email could not be loaded"
            onRetry={() => list.refetch()}
          />
        ) : null}
        {list.isSuccess && rows.length === 0 ? (
          <Group gap={6}>
            <IconInbox size={16} aria-hidden />
            <Text size="sm" c="dimmed">
              Nothing to review: every captured email went to its account as a touchpoint.
            </Text>
          </Group>
        ) : null}
        <Stack
          gap={0}
          component="ul"
          style={{ listStyle: "none", margin: 0, padding: 0 }}
          aria-label="Captured email to review"
        >
          {rows.map((e) => (
            <ReviewItem key={e.id} email={e} canWrite={canWrite} onAssign={assigning.open} />
          ))}
        </Stack>
        <ShowMore list={list} />
      </Stack>
      <AssignEmailModal email={assigning.target} opened={assigning.opened} onClose={assigning.close} />
    </Section>
  );
}
