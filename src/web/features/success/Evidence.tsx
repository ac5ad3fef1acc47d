import { Anchor, Badge, Text, Textarea, TextInput } from "@mantine/core";
import { type Outcome, type OutcomeEvidence, ZEvidenceCreate } from "../../../contract/index.ts";
import { formatDate } from "../../lib/format.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { type FieldLabels, restart, showServerErrors, useContractForm, useOnOpen } from "../../ui/form.ts";
import { useOutcomeMutations } from "./use-outcome-mutations.ts";

const EVIDENCE_LABELS: FieldLabels = { note: "Note", url: "Link" };

/** Adds a note, a link or both to an outcome as evidence. */
export function EvidenceModal({
  outcome,
  opened,
  onClose,
}: {
  outcome: Outcome | undefined;
  opened: boolean;
  onClose: () => void;
}) {
  const { addEvidence } = useOutcomeMutations();
  const form = useContractForm({
    initialValues: { note: "", url: "" },
    labels: EVIDENCE_LABELS,
    schema: ZEvidenceCreate,
    toBody: (v: { note: string; url: string }) => ({
      note: v.note.trim() || undefined,
      url: v.url.trim() || undefined,
    }),
  });
  useOnOpen(opened, () => {
    restart(form, { note: "", url: "" });
    addEvidence.reset();
  });
  const onSubmit = form.onSubmit((body) => {
    if (!outcome) return;
    addEvidence.mutate(
      { outcome, body },
      { onSuccess: onClose, onError: showServerErrors(form, EVIDENCE_LABELS) },
    );
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`Evidence for “${outcome?.title ?? ""}”`}
      onSubmit={onSubmit}
      save={addEvidence}
      errors={form.errors}
      submitLabel="Add evidence"
    >
      <Textarea label="Note" autosize minRows={3} data-autofocus {...form.getInputProps("note")} />
      <TextInput label="Link" placeholder="https://…" {...form.getInputProps("url")} />
    </FormModal>
  );
}

/**
 * A piece of evidence in a line: its note and link and who added it when — or, confirmed by the key
 * player through their plan link, a badge saying so, their verdict and name in place of an author.
 */
export function EvidenceText({ e }: { e: OutcomeEvidence }) {
  const customer = e.source === "customer_confirmed";
  const who = customer ? (e.confirmedBy?.name ?? "The key player") : (e.authorName ?? "Steward");
  return (
    <Text size="xs" style={{ flex: 1 }}>
      {customer ? (
        <>
          <Badge size="xs" variant="light" color="teal" mr={6} component="span">
            Customer-confirmed
          </Badge>
          <Text span size="xs" fw={500}>
            {e.verdict === "not_yet" ? "Not yet" : "Achieved"}
          </Text>
          {e.note ? " — " : ""}
        </>
      ) : null}
      {e.note}
      {e.note && e.url ? " — " : ""}
      {e.url ? (
        <Anchor href={e.url} target="_blank" rel="noopener noreferrer" size="xs">
          {e.url}
        </Anchor>
      ) : null}
      <Text span size="xs" c="dimmed">
        {" "}
        ({who}, {formatDate(e.createdAt.slice(0, 10))})
      </Text>
    </Text>
  );
}
