import { NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { OUTCOME_STATUSES, type Outcome, routes, ZOutcomeCreate } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import {
  blankToNull,
  type FieldLabels,
  restart,
  showServerErrors,
  useContractForm,
  useOnOpen,
} from "../../ui/form.ts";
import { MemberPicker } from "../../ui/pickers.tsx";
import { KIND_LABELS, STATUS_LABELS } from "./labels.ts";
import { type OutcomeBody, useOutcomeMutations } from "./use-outcome-mutations.ts";

type Values = {
  contactId: string | null;
  kind: Outcome["kind"];
  title: string;
  measure: string;
  unit: string;
  baseline: number | "";
  target: number | "";
  current: number | "";
  dueDate: string;
  status: Outcome["status"];
  ownerId: string | null;
};

const valuesOf = (o: Outcome | undefined, contactId: string | null): Values => ({
  contactId: o?.contactId ?? contactId,
  kind: o?.kind ?? "business_outcome",
  title: o?.title ?? "",
  measure: o?.measure ?? "",
  unit: o?.unit ?? "",
  baseline: o?.baseline ?? "",
  target: o?.target ?? "",
  current: o?.current ?? "",
  dueDate: o?.dueDate ?? "",
  status: o?.status ?? "planned",
  ownerId: o?.ownerId ?? null,
});

/** The outcome's fields in words (the form's labels, the history's lines). */
export const OUTCOME_LABELS: FieldLabels = {
  contactId: "Key player",
  kind: "Kind",
  title: "Title",
  measure: "Measure",
  unit: "Unit",
  baseline: "Baseline",
  target: "Target",
  current: "Current value",
  dueDate: "Due date",
  status: "Status",
  ownerId: "Owner",
};

const num = (v: number | "") => (v === "" ? null : v);

const toBody = (v: Values): OutcomeBody => ({
  contactId: v.contactId ?? "",
  kind: v.kind,
  title: v.title.trim(),
  measure: blankToNull(v.measure),
  unit: blankToNull(v.unit),
  baseline: num(v.baseline),
  target: num(v.target),
  current: num(v.current),
  dueDate: v.dueDate || null,
  status: v.status,
  ownerId: v.ownerId,
});

/**
 * Adds an outcome or personal win to a key player, or edits one. A new one may start from the
 * workspace's template library. Opened from an account, it asks which key player it is for.
 */
export function OutcomeFormModal({
  opened,
  onClose,
  outcome,
  contactId,
  keyPlayers,
}: {
  opened: boolean;
  onClose: () => void;
  outcome?: Outcome;
  /** The key player, when the page is theirs. */
  contactId?: string;
  /** The account's people to choose from, when the page is the account's. */
  keyPlayers?: { value: string; label: string }[];
}) {
  const templates = useQuery({
    ...apiQuery(routes.listOutcomeTemplates, { query: {} }),
    enabled: opened && !outcome,
  });
  const form = useContractForm({
    initialValues: valuesOf(outcome, contactId ?? null),
    labels: OUTCOME_LABELS,
    // The form always holds the whole outcome, its key player included: the creation rules fit both.
    schema: ZOutcomeCreate,
    toBody,
    check: (v): Record<string, string> => (v.contactId ? {} : { contactId: "Choose the key player" }),
  });
  const { save } = useOutcomeMutations();

  useOnOpen(opened, () => {
    restart(form, valuesOf(outcome, contactId ?? null));
    save.reset();
  });

  const onSubmit = form.onSubmit((body) =>
    save.mutate(
      { outcome, body },
      {
        onSuccess: () => {
          notifications.show({ color: "green", message: outcome ? "Outcome saved" : "Outcome added" });
          onClose();
        },
        onError: showServerErrors(form, OUTCOME_LABELS),
      },
    ),
  );

  const pickTemplate = (id: string | null) => {
    const t = templates.data?.data.find((x) => x.id === id);
    if (!t) return;
    form.setValues({ kind: t.kind, title: t.title, measure: t.measure ?? "", unit: t.unit ?? "" });
  };
  const unit = form.values.unit.trim();

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={outcome ? "Edit outcome" : "New outcome or personal win"}
      size="lg"
      onSubmit={onSubmit}
      save={save}
      errors={form.errors}
      submitLabel={outcome ? "Save" : "Add"}
      footerMt="xs"
    >
      <Stack gap="sm">
        {!outcome && keyPlayers ? (
          <Select
            label="Key player"
            required
            searchable
            data={keyPlayers}
            nothingFoundMessage="No one at this account matches"
            {...form.getInputProps("contactId")}
          />
        ) : null}
        {!outcome ? (
          <Select
            label="Start from the library"
            placeholder="Pick a template, or write your own below"
            searchable
            clearable
            data={(["business_outcome", "personal_win"] as const).map((kind) => ({
              group: `${KIND_LABELS[kind]}s`,
              items: (templates.data?.data ?? [])
                .filter((x) => x.kind === kind)
                .map((x) => ({ value: x.id, label: x.title })),
            }))}
            onChange={pickTemplate}
          />
        ) : null}
        <SegmentedControl
          aria-label="Kind"
          data={(["business_outcome", "personal_win"] as const).map((k) => ({
            value: k,
            label: KIND_LABELS[k],
          }))}
          {...form.getInputProps("kind")}
        />
        <TextInput label="Title" required data-autofocus {...form.getInputProps("title")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Measure"
            description="What shows progress, e.g. month-end close time"
            {...form.getInputProps("measure")}
          />
          <TextInput label="Unit" description="e.g. days, hours, %" {...form.getInputProps("unit")} />
          <NumberInput label="Baseline" description="Where it started" {...form.getInputProps("baseline")} />
          <NumberInput label="Target" description="Where they want it" {...form.getInputProps("target")} />
          <NumberInput
            label="Current value"
            description={unit ? `In ${unit}` : "Where it is now"}
            {...form.getInputProps("current")}
          />
          <TextInput type="date" label="Due date" {...form.getInputProps("dueDate")} />
          <Select
            label="Status"
            allowDeselect={false}
            data={OUTCOME_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
            {...form.getInputProps("status")}
          />
          <MemberPicker label="Owner on our side" {...form.getInputProps("ownerId")} />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          Progress is measured from the baseline towards the target, in either direction.
        </Text>
      </Stack>
    </FormModal>
  );
}
