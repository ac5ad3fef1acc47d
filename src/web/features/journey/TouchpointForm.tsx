import { Button, Group, MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { FUNCTIONS } from "../../../common/roles.ts";
import { routes, TOUCHPOINT_CHANNELS, type Touchpoint, ZTouchpointCreate } from "../../../contract/index.ts";
import { FUNCTION_LABELS } from "../../lib/labels.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import { FormError } from "../../ui/FormError.tsx";
import { blankToNull, type FieldLabels, restart, showServerErrors, useContractForm } from "../../ui/form.ts";
import { useAccountContacts } from "../accounts/KeyPlayers.tsx";
import { CHANNEL_LABELS, RATING_OPTIONS } from "./labels.ts";
import { type TouchpointBody, useTouchpointMutations } from "./use-touchpoint-mutations.ts";

type Values = {
  channel: Touchpoint["channel"];
  function: Touchpoint["function"];
  day: string;
  title: string;
  contactIds: string[];
  decisionStep: string | null;
  developmentStep: string | null;
  qualityRating: string | null;
  experienceRating: string | null;
  notes: string;
};

/** The touchpoint's fields in the words the form shows (and its errors use). */
export const TOUCHPOINT_LABELS: FieldLabels = {
  channel: "Channel",
  function: "Function",
  occurredAt: "Date",
  title: "What happened",
  contactIds: "Key players",
  decisionStep: "Customer's decision step",
  developmentStep: "Our step",
  qualityRating: "Our performance",
  experienceRating: "Customer's experience",
  notes: "Notes",
};

/** The browser's own calendar day, as the user means "today". */
const localDay = (d: Date = new Date()) => d.toLocaleDateString("en-CA");

const valuesOf = (t: Touchpoint | undefined, fn: Touchpoint["function"]): Values => ({
  channel: t?.channel ?? "meeting",
  function: t?.function ?? fn,
  day: t ? localDay(new Date(t.occurredAt)) : localDay(),
  title: t?.title ?? "",
  contactIds: t?.players.map((p) => p.contactId) ?? [],
  decisionStep: t?.decisionStep ?? null,
  developmentStep: t?.developmentStep ?? null,
  qualityRating: t?.qualityRating ? String(t.qualityRating) : null,
  experienceRating: t?.experienceRating ? String(t.experienceRating) : null,
  notes: t?.notes ?? "",
});

/** Today means now (so today's touchpoints keep their order); another day means midday of that day. */
const occurredAt = (day: string): string => {
  if (day === localDay()) return new Date().toISOString();
  const d = new Date(`${day}T12:00:00`);
  return Number.isNaN(d.getTime()) ? day : d.toISOString();
};

const rating = (v: string | null) => (v ? Number(v) : null);

/**
 * Logs a touchpoint with an account, or edits one: every field reachable by keyboard, Enter in a
 * text field saves, and refused fields say why next to them.
 */
export function TouchpointForm({
  accountId,
  touchpoint,
  onDone,
  onCancel,
}: {
  accountId: string;
  touchpoint?: Touchpoint;
  onDone?: () => void;
  onCancel?: () => void;
}) {
  const session = useSession();
  const contacts = useAccountContacts(accountId);
  const lists = useQuery(apiQuery(routes.listJourneyLists, {}));
  const toBody = (v: Values): TouchpointBody => ({
    accountId,
    channel: v.channel,
    function: v.function,
    occurredAt: v.day ? occurredAt(v.day) : "",
    title: v.title.trim(),
    contactIds: v.contactIds,
    decisionStep: v.decisionStep,
    developmentStep: v.developmentStep,
    qualityRating: rating(v.qualityRating),
    experienceRating: rating(v.experienceRating),
    notes: blankToNull(v.notes),
  });
  const form = useContractForm({
    initialValues: valuesOf(touchpoint, session.function),
    labels: TOUCHPOINT_LABELS,
    schema: ZTouchpointCreate,
    toBody,
    check: (v): Record<string, string> => (v.day ? {} : { day: "Date is required" }),
  });
  const { save } = useTouchpointMutations();

  const onSubmit = form.onSubmit((body) =>
    save.mutate(
      { touchpoint, body },
      {
        onSuccess: () => {
          notifications.show({
            color: "green",
            message: touchpoint ? "Touchpoint saved" : "Touchpoint logged",
          });
          if (!touchpoint)
            restart(form, { ...valuesOf(undefined, form.values.function), channel: form.values.channel });
          onDone?.();
        },
        onError: showServerErrors(form, TOUCHPOINT_LABELS),
      },
    ),
  );

  const steps = (list: "decision" | "development", current: string | null) =>
    (lists.data?.[list] ?? [])
      .filter((i) => !i.archived || i.key === current)
      .map((i) => ({ value: i.key, label: i.archived ? `${i.label} (archived)` : i.label }));
  const people = (contacts.data?.data ?? []).map((c) => ({
    value: c.id,
    label: c.isKeyPlayer ? `${c.name} (key player)` : c.name,
  }));
  const dayError = form.errors.day ?? form.errors.occurredAt;

  return (
    <form onSubmit={onSubmit} noValidate aria-label={touchpoint ? "Edit touchpoint" : "Log a touchpoint"}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label="Channel"
            required
            allowDeselect={false}
            data={TOUCHPOINT_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
            {...form.getInputProps("channel")}
          />
          <Select
            label="Function"
            required
            allowDeselect={false}
            data={FUNCTIONS.map((f) => ({ value: f, label: FUNCTION_LABELS[f] ?? f }))}
            {...form.getInputProps("function")}
          />
          <TextInput
            type="date"
            label="Date"
            required
            max={localDay(new Date(Date.now() + 86_400_000))}
            {...form.getInputProps("day")}
            error={dayError}
          />
        </SimpleGrid>
        <TextInput
          label="What happened"
          placeholder="e.g. Kickoff call with the project team"
          required
          data-autofocus={touchpoint ? true : undefined}
          {...form.getInputProps("title")}
        />
        <MultiSelect
          label="Key players present"
          placeholder={people.length ? "Pick who was there" : "No contacts at this account yet"}
          searchable
          data={people}
          {...form.getInputProps("contactIds")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Customer's decision step"
            placeholder="Which step of their decision it served"
            clearable
            data={steps("decision", form.values.decisionStep)}
            {...form.getInputProps("decisionStep")}
          />
          <Select
            label="Our step"
            placeholder="Which of our business-development steps"
            clearable
            data={steps("development", form.values.developmentStep)}
            {...form.getInputProps("developmentStep")}
          />
          <Select
            label="Our performance"
            description="Your own rating is marked self-assessed"
            placeholder="Not rated"
            clearable
            data={RATING_OPTIONS}
            {...form.getInputProps("qualityRating")}
          />
          <Select
            label="Customer's experience"
            description="How the customer felt about it, if you know"
            placeholder="Not known"
            clearable
            data={RATING_OPTIONS}
            {...form.getInputProps("experienceRating")}
          />
        </SimpleGrid>
        {touchpoint ? <Textarea label="Notes" autosize minRows={2} {...form.getInputProps("notes")} /> : null}
        <FormError error={save.error} errors={form.errors} />
        <Group justify="flex-end" gap="xs">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={save.isPending}>
            {touchpoint ? "Save" : "Log touchpoint"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
