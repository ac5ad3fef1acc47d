import { Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { type Plan, routes, ZPlanCreate } from "../../../contract/index.ts";
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
import { changedFields } from "./plan.rules.ts";
import { type PlanCreateBody, type PlanUpdateBody, usePlanMutations } from "./use-plan-mutations.ts";

type Values = {
  title: string;
  summary: string;
  ownerId: string | null;
  customerOwnerId: string | null;
  startDate: string;
  dueDate: string;
  templateId: string | null;
};

const today = () => new Date().toISOString().slice(0, 10);

const valuesOf = (p: Plan | undefined): Values => ({
  title: p?.title ?? "",
  summary: p?.summary ?? "",
  ownerId: p?.owner?.id ?? null,
  customerOwnerId: p?.customerOwner?.id ?? null,
  // A new plan starts today unless told otherwise: a template's due dates count from it.
  startDate: p ? (p.startDate ?? "") : today(),
  dueDate: p?.dueDate ?? "",
  templateId: null,
});

/** The plan's editable fields as the API takes them, to send only what changed. */
const planBodyOf = (p: Plan): PlanUpdateBody => ({
  title: p.title,
  summary: p.summary,
  ownerId: p.owner?.id ?? null,
  customerOwnerId: p.customerOwner?.id ?? null,
  startDate: p.startDate,
  dueDate: p.dueDate,
});

export const PLAN_LABELS: FieldLabels = {
  title: "Title",
  summary: "Summary",
  ownerId: "Owner on our side",
  customerOwnerId: "Owner at the customer",
  startDate: "Start date",
  dueDate: "Due date",
  templateId: "Template",
};

/**
 * Starts a success plan for an account — empty or from a template — or edits one's title, owners,
 * dates and summary (its status is changed on the plan's page).
 */
export function PlanFormModal({
  opened,
  onClose,
  accountId,
  plan,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  accountId: string;
  plan?: Plan;
  onCreated?: (plan: Plan) => void;
}) {
  const templates = useQuery({ ...apiQuery(routes.listPlanTemplates, {}), enabled: opened && !plan });
  const form = useContractForm({
    initialValues: valuesOf(plan),
    labels: PLAN_LABELS,
    schema: ZPlanCreate,
    toBody: (v: Values): PlanCreateBody => ({
      accountId,
      title: v.title.trim(),
      summary: blankToNull(v.summary),
      ownerId: v.ownerId,
      customerOwnerId: v.customerOwnerId,
      startDate: v.startDate || null,
      dueDate: v.dueDate || null,
      templateId: v.templateId ?? undefined,
    }),
  });
  const { create, update } = usePlanMutations();
  const save = plan ? update : create;

  useOnOpen(opened, () => {
    restart(form, valuesOf(plan));
    create.reset();
    update.reset();
  });

  const onSubmit = form.onSubmit(({ accountId: _, templateId, ...fields }) => {
    const onError = showServerErrors(form, PLAN_LABELS);
    if (plan) {
      update.mutate(
        { plan, body: changedFields<PlanUpdateBody>(planBodyOf(plan), fields) },
        {
          onSuccess: () => {
            notifications.show({ color: "green", message: "Plan saved" });
            onClose();
          },
          onError,
        },
      );
      return;
    }
    create.mutate(
      { accountId, templateId, ...fields },
      {
        onSuccess: (created) => {
          notifications.show({ color: "green", message: `Plan “${created.title}” started` });
          onClose();
          onCreated?.(created);
        },
        onError,
      },
    );
  });

  const templateData = (templates.data?.data ?? []).map((t) => ({
    value: t.id,
    label: `${t.name} (${t.objectives.length} objective${t.objectives.length === 1 ? "" : "s"})`,
  }));

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={plan ? "Edit plan" : "New success plan"}
      size="lg"
      onSubmit={onSubmit}
      save={save}
      errors={form.errors}
      submitLabel={plan ? "Save" : "Start plan"}
      footerMt="xs"
    >
      <Stack gap="sm">
        <TextInput
          label="Title"
          placeholder="e.g. FY27 value plan"
          required
          data-autofocus
          {...form.getInputProps("title")}
        />
        {!plan ? (
          <Select
            label="Start from a template"
            placeholder={
              templates.isSuccess && templateData.length === 0
                ? "No templates yet — admins add them in Settings"
                : "Empty plan"
            }
            description="Its objectives and milestones are copied in, due dates counted from the start date"
            clearable
            searchable
            data={templateData}
            {...form.getInputProps("templateId")}
          />
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <MemberPicker label="Owner on our side" {...form.getInputProps("ownerId")} />
          <AccountContactPicker
            accountId={accountId}
            label="Owner at the customer"
            {...form.getInputProps("customerOwnerId")}
          />
          <TextInput type="date" label="Start date" {...form.getInputProps("startDate")} />
          <TextInput type="date" label="Due date" {...form.getInputProps("dueDate")} />
        </SimpleGrid>
        <Textarea
          label="Summary"
          description="What the customer and we set out to achieve together"
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps("summary")}
        />
      </Stack>
    </FormModal>
  );
}
