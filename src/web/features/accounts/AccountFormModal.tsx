import { Autocomplete, Divider, Select, SimpleGrid, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import type { FormEvent } from "react";
import {
  type Account,
  LIFECYCLE_STAGES,
  routes,
  ZAccountCreate,
  ZAccountUpdate,
} from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { options, STAGE_LABELS } from "../../lib/labels.ts";
import { apiQuery, invalidate, keyOf } from "../../lib/query.ts";
import { CustomFieldInputs } from "../../ui/CustomFieldInputs.tsx";
import { FormModal } from "../../ui/FormModal.tsx";
import { blankToNull, useFormState, useOnOpen } from "../../ui/form.ts";
import { AccountPicker, MemberPicker } from "../../ui/pickers.tsx";

type Values = {
  name: string;
  domain: string;
  externalId: string;
  industry: string;
  region: string;
  country: string;
  tier: string;
  lifecycleStage: string;
  ownerId: string | null;
  parentId: string | null;
  customFields: Record<string, string | number | boolean | null>;
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
  ownerId: a?.ownerId ?? null,
  parentId: a?.parentId ?? null,
  customFields: a?.customFields ?? {},
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
  const form = useFormState<Values>(valuesOf(account));
  const qc = useQueryClient();
  const navigate = useNavigate();
  const facets = useQuery({ ...apiQuery(routes.accountFacets, {}), enabled: opened });
  const fieldDefs = useQuery({
    ...apiQuery(routes.listCustomFields, { query: { entity: "account" } }),
    enabled: opened,
  });

  useOnOpen(opened, () => {
    form.reset(valuesOf(account));
    save.reset();
  });

  const body = () => {
    const v = form.values;
    return {
      name: v.name.trim(),
      domain: blankToNull(v.domain),
      externalId: blankToNull(v.externalId),
      industry: blankToNull(v.industry),
      region: blankToNull(v.region),
      country: blankToNull(v.country),
      tier: blankToNull(v.tier),
      lifecycleStage: v.lifecycleStage as Account["lifecycleStage"],
      ownerId: v.ownerId,
      parentId: v.parentId,
      customFields: v.customFields,
    };
  };

  const save = useMutation({
    mutationFn: () =>
      account
        ? api(routes.updateAccount, { params: { id: account.id }, body: body() })
        : api(routes.createAccount, { body: body() }),
    onSuccess: async (saved) => {
      qc.setQueryData(keyOf(routes.getAccount, { params: { id: saved.id } }), saved);
      await invalidate(qc, routes.listAccounts.path, "/api/v1/search");
      notifications.show({
        color: "green",
        message: account ? "Account saved" : `Account “${saved.name}” created`,
      });
      onClose();
      if (!account) void navigate({ to: "/accounts/$id", params: { id: saved.id } });
    },
    onError: form.showServerErrors,
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate(account ? ZAccountUpdate : ZAccountCreate, body())) save.mutate();
  };

  const v = form.values;
  const err = form.errors;
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={account ? `Edit ${account.name}` : "New account"}
      size="lg"
      onSubmit={onSubmit}
      save={save}
      submitLabel={account ? "Save" : "Create account"}
      footerMt="xs"
    >
      <TextInput
        label="Name"
        required
        data-autofocus
        value={v.name}
        onChange={(e) => form.set("name", e.currentTarget.value)}
        error={err.name}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Autocomplete
          label="Tier"
          placeholder="e.g. Enterprise"
          data={facets.data?.tiers ?? []}
          value={v.tier}
          onChange={(s) => form.set("tier", s)}
          error={err.tier}
        />
        <Select
          label="Lifecycle stage"
          data={options(LIFECYCLE_STAGES, STAGE_LABELS)}
          value={v.lifecycleStage}
          allowDeselect={false}
          onChange={(s) => s && form.set("lifecycleStage", s)}
          error={err.lifecycleStage}
        />
        <Autocomplete
          label="Industry"
          data={facets.data?.industries ?? []}
          value={v.industry}
          onChange={(s) => form.set("industry", s)}
          error={err.industry}
        />
        <Autocomplete
          label="Region"
          data={facets.data?.regions ?? []}
          value={v.region}
          onChange={(s) => form.set("region", s)}
          error={err.region}
        />
        <TextInput
          label="Country"
          value={v.country}
          onChange={(e) => form.set("country", e.currentTarget.value)}
          error={err.country}
        />
        <TextInput
          label="Domain"
          placeholder="example.com"
          value={v.domain}
          onChange={(e) => form.set("domain", e.currentTarget.value)}
          error={err.domain}
        />
        <MemberPicker
          label="Owner"
          placeholder="Nobody"
          value={v.ownerId}
          onChange={(id) => form.set("ownerId", id)}
          error={err.ownerId}
        />
        <AccountPicker
          label="Parent account"
          placeholder="None"
          value={v.parentId}
          initialLabel={parentName}
          excludeId={account?.id}
          onChange={(id) => form.set("parentId", id)}
          error={err.parentId}
        />
        <TextInput
          label="External id"
          description="The id in your CRM or billing system"
          value={v.externalId}
          onChange={(e) => form.set("externalId", e.currentTarget.value)}
          error={err.externalId}
        />
      </SimpleGrid>
      {fieldDefs.data && fieldDefs.data.data.length > 0 ? (
        <>
          <Divider label="Custom fields" labelPosition="left" mt="xs" />
          <CustomFieldInputs
            defs={fieldDefs.data.data}
            values={v.customFields}
            onChange={(cf) => form.set("customFields", cf)}
            errors={err}
          />
        </>
      ) : null}
      <Text size="xs" c="dimmed">
        Revenue (MRR, ARR) and the renewal date come from the account's subscriptions.
      </Text>
    </FormModal>
  );
}
