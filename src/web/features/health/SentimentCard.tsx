import { Badge, Button, Chip, Group, Input, Rating, Stack, Text, Textarea } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconMessageCircle } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { type AccountHealth, routes, SENTIMENT_REASONS } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { daysAgo } from "../../lib/format.ts";
import { invalidate } from "../../lib/query.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { blankToNull, useFormState } from "../../ui/form.ts";
import { RATING_LABELS, REASON_LABELS } from "./healthText.ts";

type Reason = (typeof SENTIMENT_REASONS)[number];
const reasonLabel = (r: string) => REASON_LABELS[r as Reason] ?? r;

/** A CSM's 1–5 rating with reasons and a comment; the account's score is recomputed on save. */
function SentimentModal({
  accountId,
  opened,
  onClose,
}: {
  accountId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const form = useFormState({ rating: 0, reasons: [] as string[], comment: "" });
  const save = useMutation({
    mutationFn: () =>
      api(routes.createSentiment, {
        params: { accountId },
        body: {
          rating: form.values.rating,
          reasons: form.values.reasons as Reason[],
          comment: blankToNull(form.values.comment),
        },
      }),
    onSuccess: async () => {
      // The score, the list's health column and the timeline all change with a new rating.
      await invalidate(qc, routes.listAccounts.path);
      notifications.show({ message: "Sentiment saved; the health score was recomputed" });
      form.reset({ rating: 0, reasons: [], comment: "" });
      onClose();
    },
    onError: form.showServerErrors,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.values.rating < 1) {
      form.setErrors({ rating: "Pick a rating from 1 to 5" });
      return;
    }
    save.mutate();
  };
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Rate this customer's sentiment"
      onSubmit={submit}
      save={save}
      submitLabel="Save rating"
    >
      <Input.Wrapper label="Rating" required error={form.errors.rating}>
        <Group gap="sm" mt={4}>
          <Rating
            value={form.values.rating}
            onChange={(v) => form.set("rating", v)}
            count={5}
            size="lg"
            aria-label="Rating"
            data-testid="sentiment-rating"
          />
          <Text size="sm" c="dimmed">
            {RATING_LABELS[form.values.rating] ?? "1 = at risk, 5 = strong"}
          </Text>
        </Group>
      </Input.Wrapper>
      <Input.Wrapper label="Reasons" error={form.errors.reasons}>
        <Chip.Group multiple value={form.values.reasons} onChange={(v) => form.set("reasons", v)}>
          <Group gap={6} mt={4}>
            {SENTIMENT_REASONS.map((r) => (
              <Chip key={r} value={r} size="xs">
                {reasonLabel(r)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Input.Wrapper>
      <Textarea
        label="Comment"
        placeholder="What you see and hear from this customer"
        autosize
        minRows={2}
        maxRows={6}
        value={form.values.comment}
        onChange={(e) => form.set("comment", e.currentTarget.value)}
        error={form.errors.comment}
      />
    </FormModal>
  );
}

/** The latest CSM sentiment (or none yet), with a way to enter a new one for members who may write. */
export function SentimentCard({
  accountId,
  sentiment,
  canWrite,
}: {
  accountId: string;
  sentiment: AccountHealth["sentiment"];
  canWrite: boolean;
}) {
  const [opened, modal] = useDisclosure(false);
  return (
    <Stack gap={6} data-testid="health-sentiment">
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          CSM sentiment
        </Text>
        {canWrite ? (
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<IconMessageCircle size={14} />}
            onClick={modal.open}
          >
            Rate sentiment
          </Button>
        ) : null}
      </Group>
      {sentiment ? (
        <>
          <Group gap="xs">
            <Rating value={sentiment.rating} readOnly size="sm" aria-hidden />
            <Text size="sm" fw={600} data-testid="sentiment-value">
              {sentiment.rating} / 5
            </Text>
            {sentiment.stale ? (
              <Badge size="xs" color="gray" variant="outline">
                Stale — not counted
              </Badge>
            ) : null}
          </Group>
          {sentiment.reasons.length > 0 ? (
            <Group gap={4}>
              {sentiment.reasons.map((r) => (
                <Badge key={r} size="xs" variant="default">
                  {reasonLabel(r)}
                </Badge>
              ))}
            </Group>
          ) : null}
          {sentiment.comment ? (
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              “{sentiment.comment}”
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {sentiment.authorName ?? "Someone"}, {daysAgo(sentiment.ageDays)}
          </Text>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          No rating yet.{canWrite ? " Rate how this customer feels about you: it counts in the score." : ""}
        </Text>
      )}
      {canWrite ? <SentimentModal accountId={accountId} opened={opened} onClose={modal.close} /> : null}
    </Stack>
  );
}
