import { Checkbox, Group, SegmentedControl, Select, SimpleGrid, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  CONTACT_STATUSES,
  type Contact,
  DECISION_ROLES,
  SENIORITIES,
  ZContactCreate,
  ZContactUpdate,
} from "../../../contract/index.ts";
import { DECISION_ROLE_LABELS, humanize, options, SENIORITY_LABELS } from "../../lib/labels.ts";
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
import { AccountPicker } from "../../ui/pickers.tsx";
import { useCustomFieldDefs } from "../../ui/use-custom-field-defs.ts";
import { type ContactBody, useSaveContact } from "./use-contact-mutations.ts";

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

const LABELS: FieldLabels = {
  accountId: "Account",
  firstName: "First name",
  lastName: "Last name",
  email: "Email",
  phone: "Phone",
  title: "Job title",
  externalId: "External id",
  decisionRole: "Role in the decision",
  influence: "Influence",
  seniority: "Seniority",
  status: "Status",
  leftCompany: "Left the company",
};

const toBody = (v: Values): ContactBody => ({
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
});

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
  const { defs, labels } = useCustomFieldDefs("contact", opened, LABELS);
  const form = useContractForm({
    initialValues: valuesOf(contact, accountId),
    labels,
    schema: contact ? ZContactUpdate : ZContactCreate,
    toBody,
    // Without an account the body has no id to check: say what to do instead of "must be a UUID".
    check: (v): Record<string, string> =>
      v.accountId ? {} : { accountId: "Pick the account this person works at" },
  });
  const save = useSaveContact(contact);

  useOnOpen(opened, () => {
    restart(form, valuesOf(contact, accountId));
    save.reset();
  });

  const onSubmit = form.onSubmit((body) =>
    save.mutate(body, {
      onSuccess: (saved) => {
        notifications.show({ color: "green", message: contact ? "Contact saved" : `${saved.name} added` });
        onClose();
      },
      onError: showServerErrors(form, labels),
    }),
  );

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={contact ? `Edit ${contact.name}` : accountName ? `New contact at ${accountName}` : "New contact"}
      size="lg"
      onSubmit={onSubmit}
      save={save}
      errors={form.errors}
      submitLabel={contact ? "Save" : "Add contact"}
      footerMt="xs"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label="First name" data-autofocus {...form.getInputProps("firstName")} />
        <TextInput label="Last name" {...form.getInputProps("lastName")} />
        <TextInput label="Email" type="email" {...form.getInputProps("email")} />
        <TextInput label="Phone" {...form.getInputProps("phone")} />
        <TextInput label="Job title" {...form.getInputProps("title")} />
        {accountId && !contact ? null : (
          <AccountPicker
            label="Account"
            required
            initialLabel={contact?.accountName ?? accountName}
            {...form.getInputProps("accountId")}
          />
        )}
      </SimpleGrid>

      <Text size="sm" fw={600} mt="xs">
        Key-player attributes
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label="Role in the decision"
          placeholder="Not a key player"
          data={options(DECISION_ROLES, DECISION_ROLE_LABELS)}
          clearable
          {...form.getInputProps("decisionRole")}
        />
        <Select
          label="Seniority"
          data={options(SENIORITIES, SENIORITY_LABELS)}
          clearable
          {...form.getInputProps("seniority")}
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
          // Only the value: a SegmentedControl has no error slot (the error shows below it).
          value={form.values.influence}
          onChange={(v) => {
            form.setFieldValue("influence", v);
            form.clearFieldError("influence");
          }}
        />
        <Text size="xs" c="dimmed" mt={4}>
          1 = little say, 5 = decides.{" "}
          {form.errors.influence ? (
            <Text span c="red">
              {form.errors.influence}
            </Text>
          ) : null}
        </Text>
      </div>
      <Group gap="lg">
        <Select
          label="Status"
          w={160}
          data={CONTACT_STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
          allowDeselect={false}
          {...form.getInputProps("status")}
        />
        <Checkbox
          mt="lg"
          label="Left the company"
          {...form.getInputProps("leftCompany", { type: "checkbox" })}
        />
      </Group>
      <TextInput label="External id" description="The id in your CRM" {...form.getInputProps("externalId")} />
      <CustomFieldsSection
        defs={defs}
        values={form.values.customFields}
        onChange={(cf) => form.setFieldValue("customFields", cf)}
        errors={form.errors}
      />
    </FormModal>
  );
}
