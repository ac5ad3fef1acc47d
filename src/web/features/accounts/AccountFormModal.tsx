import { Autocomplete, Select, SimpleGrid, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import {
  type Account,
  COVERAGE_MODELS,
  routes,
  ZAccountCreate,
  ZAccountUpdate,
} from "../../../contract/index.ts";
import { options } from "../../lib/labels.ts";
import { apiQuery } from "../../lib/query.ts";
import { CustomFieldsSection } from "../../ui/CustomFieldsSection.tsx";
import { FormModal } from "../../ui/FormModal.tsx";
import {
  blankToNull,
  type FieldLabels,
  restart,
  showServerErrors,
  useContractForm,
  useOnOpen,
} from "../../ui/form.ts";
import { AccountPicker, MemberPicker } from "../../ui/pickers.tsx";
import { useCustomFieldDefs } from "../../ui/use-custom-field-defs.ts";
import { COVERAGE_LABELS } from "../health/healthText.ts";
import { useStages } from "../lifecycle/use-lifecycle.ts";
import { withoutUnchangedSettings } from "./settingSources.ts";
import { type AccountBody, useSaveAccount } from "./use-account-mutations.ts";

type Values = {
  name: string;
  domain: string;
  externalId: string;
  industry: string;
  region: string;
  country: string;
  tier: string;
  lifecycleStage: string;
  coverage: string | null;
  ownerId: string | null;
  parentId: string | null;
  customFields: Record<string, string | number | boolean | null>;
};

const LABELS: FieldLabels = {
  name: "Name",
  domain: "Domain",
  externalId: "External id",
  industry: "Industry",
  region: "Region",
  country: "Country",
  tier: "Tier",
  lifecycleStage: "Lifecycle stage",
  coverage: "Coverage",
  ownerId: "Owner",
  parentId: "Parent account",
};

const valuesOf = (a?: Account): Values => ({
  name: a?.name ?? "",
  domain: a?.domain ?? "",
  externalId: a?.externalId ?? "",
  industry: a?.industry ?? "",
  region: a?.region ?? "",
  country: a?.country ?? "",
  tier: a?.tier ?? "",
  lifecycleStage: a?.lifecycleStage ?? "onboarding",
  coverage: a?.coverage ?? null,
  ownerId: a?.ownerId ?? null,
  parentId: a?.parentId ?? null,
  customFields: a?.customFields ?? {},
});

const toBody = (v: Values): AccountBody => ({
  name: v.name.trim(),
  domain: blankToNull(v.domain),
  externalId: blankToNull(v.externalId),
  industry: blankToNull(v.industry),
  region: blankToNull(v.region),
  country: blankToNull(v.country),
  tier: blankToNull(v.tier),
  lifecycleStage: v.lifecycleStage as Account["lifecycleStage"],
  coverage: v.coverage as Account["coverage"],
  ownerId: v.ownerId,
  parentId: v.parentId,
  customFields: v.customFields,
});

/** Create an account, or edit one when `account` is given. */
export function AccountFormModal({
  opened,
  onClose,
  account,
  parentName,
}: {
  opened: boolean;
  onClose: () => void;
  account?: Account;
  parentName?: string | null;
}) {
  const stages = useStages();
  const navigate = useNavigate();
  const facets = useQuery({ ...apiQuery(routes.accountFacets, {}), enabled: opened });
  const { defs, labels } = useCustomFieldDefs("account", opened, LABELS);
  const form = useContractForm({
    initialValues: valuesOf(account),
    labels,
    schema: account ? ZAccountUpdate : ZAccountCreate,
    toBody,
  });
  const save = useSaveAccount(account);

  useOnOpen(opened, () => {
    restart(form, valuesOf(account));
    save.reset();
  });

  const onSubmit = form.onSubmit((body) =>
    save.mutate(withoutUnchangedSettings(body, account), {
      onSuccess: (saved) => {
        notifications.show({
          color: "green",
          message: account ? "Account saved" : `Account “${saved.name}” created`,
        });
        onClose();
        if (!account) void navigate({ to: "/accounts/$id", params: { id: saved.id } });
      },
      onError: showServerErrors(form, labels),
    }),
  );

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={account ? `Edit ${account.name}` : "New account"}
      size="lg"
      onSubmit={onSubmit}
      save={save}
      errors={form.errors}
      submitLabel={account ? "Save" : "Create account"}
      footerMt="xs"
    >
      <TextInput label="Name" required data-autofocus {...form.getInputProps("name")} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Autocomplete
          label="Tier"
          placeholder="e.g. Enterprise"
          data={facets.data?.tiers ?? []}
          {...form.getInputProps("tier")}
        />
        <Select
          label="Lifecycle stage"
          data={stages.options(account?.lifecycleStage)}
          allowDeselect={false}
          {...form.getInputProps("lifecycleStage")}
        />
        <Select
          label="Coverage"
          data={options(COVERAGE_MODELS, COVERAGE_LABELS)}
          clearable
          {...form.getInputProps("coverage")}
        />
        <Autocomplete
          label="Industry"
          data={facets.data?.industries ?? []}
          {...form.getInputProps("industry")}
        />
        <Autocomplete label="Region" data={facets.data?.regions ?? []} {...form.getInputProps("region")} />
        <TextInput label="Country" {...form.getInputProps("country")} />
        <TextInput label="Domain" placeholder="example.com" {...form.getInputProps("domain")} />
        <MemberPicker label="Owner" placeholder="Nobody" {...form.getInputProps("ownerId")} />
        <AccountPicker
          label="Parent account"
          placeholder="None"
          initialLabel={parentName}
          excludeId={account?.id}
          {...form.getInputProps("parentId")}
        />
        <TextInput
          label="External id"
          description="The id in your CRM or billing system"
          {...form.getInputProps("externalId")}
        />
      </SimpleGrid>
      <CustomFieldsSection
        defs={defs}
        values={form.values.customFields}
        onChange={(cf) => form.setFieldValue("customFields", cf)}
        errors={form.errors}
      />
      <Text size="xs" c="dimmed">
        A tier, coverage or owner you set here counts as set by hand: tiering and rules leave it as it is.
        Empty it to give it back to the rules. Revenue (MRR, ARR) and the renewal date come from the account's
        subscriptions.
      </Text>
    </FormModal>
  );
}
