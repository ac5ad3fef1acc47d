import {
  Checkbox,
  Divider,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Text,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import {
  CONTACT_STATUSES,
  type Contact,
  DECISION_ROLES,
  routes,
  SENIORITIES,
  ZContactCreate,
  ZContactUpdate,
} from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { DECISION_ROLE_LABELS, humanize, options, SENIORITY_LABELS } from "../../lib/labels.ts";
import { apiQuery, invalidate, keyOf } from "../../lib/query.ts";
import { CustomFieldInputs } from "../../ui/CustomFieldInputs.tsx";
import { FormModal } from "../../ui/FormModal.tsx";
import { blankToNull, useFormState, useOnOpen } from "../../ui/form.ts";
import { AccountPicker } from "../../ui/pickers.tsx";

type Values = {
  accountId: string | null;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  title: string;
  externalId: string;
  decisionRole: string | null;
  influence: string;
  seniority: string | null;
  status: string;
  leftCompany: boolean;
  customFields: Record<string, string | number | boolean | null>;
};

const valuesOf = (c: Contact | undefined, accountId: string | undefined): Values => ({
  accountId: c?.accountId ?? accountId ?? null,
  firstName: c?.firstName ?? "",
  lastName: c?.lastName ?? "",
  email: c?.email ?? "",
  phone: c?.phone ?? "",
  title: c?.title ?? "",
  externalId: c?.externalId ?? "",
  decisionRole: c?.decisionRole ?? null,
  influence: c?.influence ? String(c.influence) : "",
  seniority: c?.seniority ?? null,
  status: c?.status ?? "active",
  leftCompany: c?.leftCompany ?? false,
  customFields: c?.customFields ?? {},
});

/** Create a contact (on `accountId`, or a picked account), or edit `contact`. */
export function ContactFormModal({
  opened,
  onClose,
  contact,
  accountId,
  accountName,
}: {
  opened: boolean;
  onClose: () => void;
  contact?: Contact;
  accountId?: string;
  accountName?: string;
}) {
  const form = useFormState<Values>(valuesOf(contact, accountId));
  const qc = useQueryClient();
  const fieldDefs = useQuery({
    ...apiQuery(routes.listCustomFields, { query: { entity: "contact" } }),
    enabled: opened,
  });

  useOnOpen(opened, () => {
    form.reset(valuesOf(contact, accountId));
    save.reset();
  });

  const body = () => {
    const v = form.values;
    return {
      accountId: v.accountId ?? "",
      firstName: blankToNull(v.firstName),
      lastName: blankToNull(v.lastName),
      email: blankToNull(v.email),
      phone: blankToNull(v.phone),
      title: blankToNull(v.title),
      externalId: blankToNull(v.externalId),
      decisionRole: v.decisionRole as Contact["decisionRole"],
      influence: v.influence ? Number(v.influence) : null,
      seniority: v.seniority as Contact["seniority"],
      status: v.status as Contact["status"],
      leftCompany: v.leftCompany,
      customFields: v.customFields,
    };
  };

  const save = useMutation({
    mutationFn: () =>
      contact
        ? api(routes.updateContact, { params: { id: contact.id }, body: body() })
        : api(routes.createContact, { body: body() }),
    onSuccess: async (saved) => {
      qc.setQueryData(keyOf(routes.getContact, { params: { id: saved.id } }), saved);
      await invalidate(qc, routes.listContacts.path, "/api/v1/search", routes.listTimeline.path);
      notifications.show({ color: "green", message: contact ? "Contact saved" : `${saved.name} added` });
      onClose();
    },
    onError: form.showServerErrors,
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.values.accountId) {
      form.setErrors({ accountId: "pick the account this person works at" });
      return;
    }
    if (form.validate(contact ? ZContactUpdate : ZContactCreate, body())) save.mutate();
  };

  const v = form.values;
  const err = form.errors;
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={contact ? `Edit ${contact.name}` : accountName ? `New contact at ${accountName}` : "New contact"}
      size="lg"
      onSubmit={onSubmit}
      save={save}
      submitLabel={contact ? "Save" : "Add contact"}
      footerMt="xs"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label="First name"
          data-autofocus
          value={v.firstName}
          onChange={(e) => form.set("firstName", e.currentTarget.value)}
          error={err.firstName}
        />
        <TextInput
          label="Last name"
          value={v.lastName}
          onChange={(e) => form.set("lastName", e.currentTarget.value)}
          error={err.lastName}
        />
        <TextInput
          label="Email"
          type="email"
          value={v.email}
          onChange={(e) => form.set("email", e.currentTarget.value)}
          error={err.email}
        />
        <TextInput
          label="Phone"
          value={v.phone}
          onChange={(e) => form.set("phone", e.currentTarget.value)}
          error={err.phone}
        />
        <TextInput
          label="Job title"
          value={v.title}
          onChange={(e) => form.set("title", e.currentTarget.value)}
          error={err.title}
        />
        {accountId && !contact ? null : (
          <AccountPicker
            label="Account"
            required
            value={v.accountId}
            initialLabel={contact?.accountName ?? accountName}
            onChange={(id) => form.set("accountId", id)}
            error={err.accountId}
          />
        )}
      </SimpleGrid>

      <Divider label="Key-player attributes" labelPosition="left" mt="xs" />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label="Role in the decision"
          placeholder="Not a key player"
          data={options(DECISION_ROLES, DECISION_ROLE_LABELS)}
          value={v.decisionRole}
          onChange={(s) => form.set("decisionRole", s)}
          clearable
          error={err.decisionRole}
        />
        <Select
          label="Seniority"
          data={options(SENIORITIES, SENIORITY_LABELS)}
          value={v.seniority}
          onChange={(s) => form.set("seniority", s)}
          clearable
          error={err.seniority}
        />
      </SimpleGrid>
      <div>
        <Text size="sm" fw={500} mb={4} id="influence-label">
          Influence on the decision
        </Text>
        <SegmentedControl
          aria-labelledby="influence-label"
          data={[
            { value: "", label: "Unknown" },
            ...["1", "2", "3", "4", "5"].map((n) => ({ value: n, label: n })),
          ]}
          value={v.influence}
          onChange={(s) => form.set("influence", s)}
        />
        <Text size="xs" c="dimmed" mt={4}>
          1 = little say, 5 = decides.{" "}
          {err.influence ? (
            <Text span c="red">
              {err.influence}
            </Text>
          ) : null}
        </Text>
      </div>
      <Group gap="lg">
        <Select
          label="Status"
          w={160}
          data={CONTACT_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
          value={v.status}
          allowDeselect={false}
          onChange={(s) => s && form.set("status", s)}
          error={err.status}
        />
        <Checkbox
          mt="lg"
          label="Left the company"
          checked={v.leftCompany}
          onChange={(e) => form.set("leftCompany", e.currentTarget.checked)}
        />
      </Group>
      <TextInput
        label="External id"
        description="The id in your CRM"
        value={v.externalId}
        onChange={(e) => form.set("externalId", e.currentTarget.value)}
        error={err.externalId}
      />
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
    </FormModal>
  );
}
