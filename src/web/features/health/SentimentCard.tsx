import { Badge, Button, Chip, Group, Input, Rating, Stack, Text, Textarea } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconMessageCircle } from "@tabler/icons-react";
import { type AccountHealth, SENTIMENT_REASONS, ZSentimentCreate } from "../../../contract/index.ts";
import { daysAgo } from "../../lib/format.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { blankToNull, type FieldLabels, restart, showServerErrors, useContractForm } from "../../ui/form.ts";
import { RATING_LABELS, REASON_LABELS } from "./healthText.ts";
import { type SentimentBody, useRateSentiment } from "./use-health-mutations.ts";

type Reason = (typeof SENTIMENT_REASONS)[number];
const reasonLabel = (r: string) => REASON_LABELS[r as Reason] ?? r;

type SentimentValues = { rating: number; reasons: string[]; comment: string };
const SENTIMENT_LABELS: FieldLabels = { rating: "Rating", reasons: "Reasons", comment: "Comment" };
const BLANK: SentimentValues = { rating: 0, reasons: [], comment: "" };
const sentimentBody = (v: SentimentValues): SentimentBody => ({
  rating: v.rating,
  reasons: v.reasons as Reason[],
  comment: blankToNull(v.comment),
});

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
  const form = useContractForm({
    initialValues: BLANK,
    labels: SENTIMENT_LABELS,
    schema: ZSentimentCreate,
    toBody: sentimentBody,
    check: (v): Record<string, string> => (v.rating < 1 ? { rating: "Pick a rating from 1 to 5" } : {}),
  });
  const save = useRateSentiment(accountId);
  const submit = form.onSubmit((body) =>
    save.mutate(body, {
      onSuccess: () => {
        notifications.show({ message: "Sentiment saved; the health score was recomputed" });
        restart(form, BLANK);
        onClose();
      },
      onError: showServerErrors(form, SENTIMENT_LABELS),
    }),
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Rate this customer's sentiment"
      onSubmit={submit}
      save={save}
      errors={form.errors}
      submitLabel="Save rating"
    >
      <Input.Wrapper label="Rating" required error={form.errors.rating}>
        <Group gap="sm" mt={4}>
          <Rating
            value={form.values.rating}
            onChange={(v) => {
              form.setFieldValue("rating", v);
              form.clearFieldError("rating");
            }}
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
        <Chip.Group multiple value={form.values.reasons} onChange={(v) => form.setFieldValue("reasons", v)}>
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
        {...form.getInputProps("comment")}
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
