import { MultiSelect, Select, SimpleGrid, Stack, Switch, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import {
  PLAN_ITEM_STATUSES,
  type Plan,
  type PlanItem,
  routes,
  ZPlanItemCreate,
} from "../../../contract/index.ts";
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
import { AccountContactPicker } from "../accounts/AccountContactPicker.tsx";
import { KIND_LABELS } from "../success/labels.ts";
import { ITEM_KIND_LABELS, ITEM_STATUS_LABELS } from "./labels.ts";
import { type ItemBody, usePlanMutations } from "./use-plan-mutations.ts";

/** What the modal edits: an item, or a new objective, or a new milestone under an objective. */
export type ItemTarget = { item: PlanItem } | { kind: "objective" } | { kind: "milestone"; parentId: string };

type Values = {
  kind: PlanItem["kind"];
  parentId: string | null;
  title: string;
  description: string;
  internalNotes: string;
  status: PlanItem["status"];
  dueDate: string;
  ownerId: string | null;
  customerOwnerId: string | null;
  shared: boolean;
  outcomeIds: string[];
};

const valuesOf = (t: ItemTarget | undefined): Values => {
  const i = t && "item" in t ? t.item : undefined;
  return {
    kind: i?.kind ?? (t && "kind" in t ? t.kind : "objective"),
    parentId: i?.parentId ?? (t && "parentId" in t ? t.parentId : null),
    title: i?.title ?? "",
    description: i?.description ?? "",
    internalNotes: i?.internalNotes ?? "",
    status: i?.status ?? "not_started",
    dueDate: i?.dueDate ?? "",
    ownerId: i?.owner?.id ?? null,
    customerOwnerId: i?.customerOwner?.id ?? null,
    // Nothing reaches the customer's page until someone decides it should.
    shared: i?.shared ?? false,
    outcomeIds: i?.outcomes.map((o) => o.id) ?? [],
  };
};

export const ITEM_LABELS: FieldLabels = {
  kind: "Kind",
  parentId: "Objective",
  title: "Title",
  description: "Description",
  internalNotes: "Internal notes",
  status: "Status",
  dueDate: "Due date",
  ownerId: "Owner on our side",
  customerOwnerId: "Owner at the customer",
  shared: "Show on the customer's page",
  outcomeIds: "Outcomes it serves",
};

const toBody = (v: Values): ItemBody => ({
  kind: v.kind,
  parentId: v.kind === "milestone" ? (v.parentId ?? undefined) : undefined,
  title: v.title.trim(),
  description: blankToNull(v.description),
  internalNotes: blankToNull(v.internalNotes),
  status: v.status,
  dueDate: v.dueDate || null,
  ownerId: v.ownerId,
  customerOwnerId: v.customerOwnerId,
  shared: v.shared,
  outcomeIds: v.outcomeIds,
});

/** The account's key players' outcomes to link, each named with its key player and kind. */
function useOutcomeOptions(accountId: string, opened: boolean) {
  const outcomes = useQuery({
    ...apiQuery(routes.listOutcomes, { query: { accountId, limit: 200 } }),
    enabled: opened,
  });
  return {
    loading: outcomes.isPending,
    data: (outcomes.data?.data ?? []).map((o) => ({
      value: o.id,
      label: `${o.contactName} · ${KIND_LABELS[o.kind]}: ${o.title}`,
    })),
  };
}

/** Adds an objective or a milestone to a plan, or edits one. */
export function PlanItemFormModal({
  plan,
  target,
  opened,
  onClose,
}: {
  plan: Plan;
  target: ItemTarget | undefined;
  opened: boolean;
  onClose: () => void;
}) {
  const item = target && "item" in target ? target.item : undefined;
  const outcomes = useOutcomeOptions(plan.accountId, opened);
  const objectives = plan.items
    .filter((i) => i.kind === "objective")
    .map((i) => ({ value: i.id, label: i.title }));
  const form = useContractForm({
    initialValues: valuesOf(target),
    labels: ITEM_LABELS,
    schema: ZPlanItemCreate,
    toBody,
    check: (v): Record<string, string> =>
      v.kind === "milestone" && !v.parentId ? { parentId: "Choose the objective it belongs to" } : {},
  });
  const { saveItem } = usePlanMutations();

  useOnOpen(opened, () => {
    restart(form, valuesOf(target));
    saveItem.reset();
  });

  const kind = ITEM_KIND_LABELS[form.values.kind];
  const onSubmit = form.onSubmit((body) =>
    saveItem.mutate(
      { plan, item, body },
      {
        onSuccess: () => {
          notifications.show({ color: "green", message: item ? `${kind} saved` : `${kind} added` });
          onClose();
        },
        onError: showServerErrors(form, ITEM_LABELS),
      },
    ),
  );

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={item ? `Edit ${kind.toLowerCase()}` : `New ${kind.toLowerCase()}`}
      size="lg"
      onSubmit={onSubmit}
      save={saveItem}
      errors={form.errors}
      submitLabel={item ? "Save" : "Add"}
      footerMt="xs"
    >
      <Stack gap="sm">
        {form.values.kind === "milestone" && !item ? (
          <Select
            label="Objective"
            required
            allowDeselect={false}
            data={objectives}
            {...form.getInputProps("parentId")}
          />
        ) : null}
        <TextInput label="Title" required data-autofocus {...form.getInputProps("title")} />
        <Textarea
          label="Description"
          description="Shown to the customer when shared"
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps("description")}
        />
        <Textarea
          label="Internal notes"
          description="For your team only — never shown to the customer"
          autosize
          minRows={1}
          maxRows={6}
          {...form.getInputProps("internalNotes")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Status"
            allowDeselect={false}
            data={PLAN_ITEM_STATUSES.map((s) => ({ value: s, label: ITEM_STATUS_LABELS[s] }))}
            {...form.getInputProps("status")}
          />
          <TextInput type="date" label="Due date" {...form.getInputProps("dueDate")} />
          <MemberPicker label="Owner on our side" {...form.getInputProps("ownerId")} />
          <AccountContactPicker
            accountId={plan.accountId}
            label="Owner at the customer"
            {...form.getInputProps("customerOwnerId")}
          />
        </SimpleGrid>
        <MultiSelect
          label="Outcomes it serves"
          description="The key players' business outcomes and personal wins this helps achieve"
          placeholder={
            outcomes.loading
              ? "Loading outcomes…"
              : outcomes.data.length === 0
                ? "No outcomes recorded for this account's key players yet"
                : "Pick outcomes"
          }
          searchable
          clearable
          data={outcomes.data}
          nothingFoundMessage="No outcome matches"
          {...form.getInputProps("outcomeIds")}
        />
        <Switch
          label="Show on the customer's page"
          description={
            form.values.kind === "milestone"
              ? "Shared milestones of shared objectives appear, with their descriptions, on the page a share link opens"
              : "Only shared items, with their descriptions, appear on the page a share link opens"
          }
          {...form.getInputProps("shared", { type: "checkbox" })}
        />
      </Stack>
    </FormModal>
  );
}
