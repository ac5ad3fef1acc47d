import { ActionIcon, Button, Group, Stack, Text, Textarea, TextInput, Title, Tooltip } from "@mantine/core";
import { randomId, useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconCheck, IconDeviceFloppy, IconPlus, IconTrash } from "@tabler/icons-react";
import {
  CHARTER_LIMITS,
  CHARTER_STAGE_LABELS,
  CHARTER_STAGES,
  type CharterDraftInput,
  type CharterStage,
  type CharterVersion,
  ZCharterDraftInput,
} from "../../../contract/index.ts";
import { formatDate } from "../../lib/format.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { FormError } from "../../ui/FormError.tsx";
import { showServerErrors, useContractForm } from "../../ui/form.ts";
import { Section } from "../../ui/Section.tsx";
import {
  CHARTER_LABELS,
  type CharterDraft,
  charterBody,
  draftOf,
  insertionIndex,
  stagesOf,
} from "./charterDraft.ts";
import { useCharterMutations } from "./use-charter.ts";

/** What each stage of the chain is about, under its name in the editor. */
const STAGE_HINTS: Record<CharterStage, string> = {
  adoption: "Customers use what they bought: activation, active users, breadth of use",
  outcomes: "Customers reach the results they bought us for, and can show them",
  transformation: "Customers change how they work with us and take us further",
  roi: "The return customers get, and what it brings back: retention and expansion",
  advocacy: "Customers speak for us: references, reviews, referrals, case studies",
};

/** Each stage as it reads inside a sentence ("Add ROI objective"). */
const STAGE_NOUNS: Record<CharterStage, string> = {
  adoption: "adoption",
  outcomes: "outcomes",
  transformation: "transformation",
  roi: "ROI",
  advocacy: "advocacy",
};

type Form = ReturnType<typeof useContractForm<CharterDraft, CharterDraftInput>>;

function StageObjectives({ form, stage }: { form: Form; stage: CharterStage }) {
  const items = stagesOf(form.values.objectives).find((g) => g.stage === stage)?.items ?? [];
  const label = CHARTER_STAGE_LABELS[stage];
  const full = form.values.objectives.length >= CHARTER_LIMITS.objectives;
  return (
    <Stack gap={6}>
      <div>
        <Title order={5}>{label}</Title>
        <Text size="xs" c="dimmed">
          {STAGE_HINTS[stage]}
        </Text>
      </div>
      {items.map(({ item, index }, n) => (
        <Group key={item.key} align="flex-start" gap="xs" wrap="nowrap">
          <TextInput
            aria-label={`${label} objective ${n + 1}`}
            placeholder="e.g. 80% of licensed seats active every month"
            style={{ flex: 1 }}
            {...form.getInputProps(`objectives.${index}.text`)}
          />
          <Tooltip label="Remove this objective" withArrow>
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={4}
              aria-label={`Remove ${STAGE_NOUNS[stage]} objective ${n + 1}`}
              onClick={() => form.removeListItem("objectives", index)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      ))}
      <Group>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPlus size={12} />}
          disabled={full}
          aria-label={`Add ${STAGE_NOUNS[stage]} objective`}
          onClick={() =>
            form.insertListItem(
              "objectives",
              { key: randomId(), stage, text: "" },
              insertionIndex(form.values.objectives, stage),
            )
          }
        >
          Add objective
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * The draft of the next version, for owners and admins: started from the saved draft or the
 * current charter, saved as often as wanted, then approved (it becomes what every member sees) or
 * discarded. Problems show at their fields in the form's own words.
 */
export function CharterEditor({
  draft,
  current,
  onClose,
}: {
  draft: CharterVersion | null;
  current: CharterVersion | null;
  onClose: () => void;
}) {
  const { save, approve, discard } = useCharterMutations();
  const [approving, confirmApprove] = useDisclosure(false);
  const [discarding, confirmDiscard] = useDisclosure(false);
  const form = useContractForm<CharterDraft, CharterDraftInput>({
    initialValues: draftOf(draft, current),
    labels: CHARTER_LABELS,
    schema: ZCharterDraftInput,
    toBody: charterBody,
  });
  const version = draft?.version ?? (current?.version ?? 0) + 1;
  const unsaved = !draft || form.isDirty();

  const onSubmit = form.onSubmit((body) =>
    save.mutate(body, {
      onSuccess: (saved) => {
        form.resetDirty();
        notifications.show({ color: "green", message: `Draft of version ${saved.version} saved` });
      },
      onError: showServerErrors(form, CHARTER_LABELS),
    }),
  );

  return (
    <>
      <form onSubmit={onSubmit} noValidate>
        <Section
          title={`Draft of version ${version}`}
          description={
            draft
              ? `Started by ${draft.createdBy?.name ?? "a former member"} · last saved ${formatDate(draft.updatedAt)}`
              : current
                ? `Not saved yet: starts from version ${current.version}`
                : "Not saved yet"
          }
          testId="charter-editor"
        >
          <Stack gap="md">
            <Textarea
              label="Vision"
              description="Where your customers end up thanks to you, in a sentence or two"
              required
              autosize
              minRows={2}
              maxRows={6}
              {...form.getInputProps("vision")}
            />
            <Textarea
              label="Mission"
              description="What the team does to get them there"
              required
              autosize
              minRows={2}
              maxRows={6}
              {...form.getInputProps("mission")}
            />
            <Stack gap="md">
              <div>
                <Text fw={500} size="sm">
                  Objectives along the chain
                </Text>
                <Text size="xs" c="dimmed">
                  At least one; as many per stage as the team commits to
                </Text>
                {form.errors.objectives ? (
                  <Text size="xs" c="red" role="alert">
                    {form.errors.objectives}
                  </Text>
                ) : null}
              </div>
              {CHARTER_STAGES.map((stage) => (
                <StageObjectives key={stage} form={form} stage={stage} />
              ))}
            </Stack>
            <Textarea
              label="What changed"
              description="A note for the history: what this version changes and why"
              autosize
              minRows={1}
              maxRows={4}
              {...form.getInputProps("changeNote")}
            />
            <FormError error={save.error} errors={form.errors} />
            <Group justify="space-between">
              <Button
                variant="subtle"
                color={draft ? "red" : "gray"}
                onClick={draft ? confirmDiscard.open : onClose}
              >
                {draft ? "Discard draft" : "Cancel"}
              </Button>
              <Group gap="xs">
                {unsaved ? (
                  <Text size="xs" c="dimmed">
                    {draft ? "Save your changes to approve them" : "Save the draft to approve it"}
                  </Text>
                ) : null}
                <Button
                  type="submit"
                  variant="default"
                  leftSection={<IconDeviceFloppy size={16} />}
                  loading={save.isPending}
                >
                  Save draft
                </Button>
                <Button
                  leftSection={<IconCheck size={16} />}
                  disabled={unsaved}
                  onClick={() => {
                    approve.reset();
                    confirmApprove.open();
                  }}
                >
                  Approve
                </Button>
              </Group>
            </Group>
          </Stack>
        </Section>
      </form>
      <ConfirmDialog
        opened={approving}
        onClose={confirmApprove.close}
        title={`Approve version ${version}?`}
        message={`Version ${version} becomes the charter every member sees, approved by you. An approved version cannot be changed: the next change is a new version.`}
        confirmLabel={`Approve version ${version}`}
        color="blue"
        loading={approve.isPending}
        error={approve.error}
        onConfirm={() =>
          approve.mutate(undefined, {
            onSuccess: (v) => {
              confirmApprove.close();
              notifications.show({ color: "green", message: `Version ${v.version} is the charter now` });
              onClose();
            },
          })
        }
      />
      <ConfirmDialog
        opened={discarding}
        onClose={confirmDiscard.close}
        title="Discard the draft?"
        message={`The draft of version ${version} is deleted. ${current ? `Version ${current.version} stays the charter.` : "There is no approved charter yet."}`}
        confirmLabel="Discard draft"
        loading={discard.isPending}
        error={discard.error}
        onConfirm={() =>
          discard.mutate(undefined, {
            onSuccess: () => {
              confirmDiscard.close();
              notifications.show({ message: "Draft discarded" });
              onClose();
            },
          })
        }
      />
    </>
  );
}
