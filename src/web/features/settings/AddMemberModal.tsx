import { PasswordInput, Select, SimpleGrid, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { FUNCTIONS, ROLES } from "../../../common/roles.ts";
import { type Member, routes, ZMemberCreate } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { FUNCTION_LABELS, label, options, ROLE_LABELS } from "../../lib/labels.ts";
import { invalidate } from "../../lib/query.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { blankToNull, useFormState, useOnOpen } from "../../ui/form.ts";

type NewMember = {
  email: string;
  name: string;
  role: string;
  function: string;
  title: string;
  password: string;
};
const blank: NewMember = {
  email: "",
  name: "",
  role: "member",
  function: "customer_success",
  title: "",
  password: "",
};

export function AddMemberModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useFormState<NewMember>(blank);
  const qc = useQueryClient();
  useOnOpen(opened, () => {
    form.reset(blank);
    save.reset();
  });
  const body = () => ({
    email: form.values.email.trim(),
    name: form.values.name.trim(),
    role: form.values.role as Member["role"],
    function: form.values.function as Member["function"],
    title: blankToNull(form.values.title),
    password: form.values.password || undefined,
  });
  const save = useMutation({
    mutationFn: () => api(routes.addMember, { body: body() }),
    onSuccess: async (i) => {
      await invalidate(qc, routes.listInvitations.path);
      notifications.show({
        color: "green",
        message: `${i.name} is invited as ${label(ROLE_LABELS, i.role)}: they join when they accept after signing in`,
      });
      onClose();
    },
    onError: form.showServerErrors,
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate(ZMemberCreate, body())) save.mutate();
  };
  const v = form.values;
  const err = form.errors;
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Invite a member"
      size="lg"
      onSubmit={onSubmit}
      save={save}
      submitLabel="Send invitation"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label="Name"
          required
          data-autofocus
          value={v.name}
          onChange={(e) => form.set("name", e.currentTarget.value)}
          error={err.name}
        />
        <TextInput
          label="Email"
          type="email"
          required
          value={v.email}
          onChange={(e) => form.set("email", e.currentTarget.value)}
          error={err.email}
        />
        <Select
          label="Role"
          data={options(ROLES, ROLE_LABELS)}
          value={v.role}
          allowDeselect={false}
          onChange={(s) => s && form.set("role", s)}
          error={err.role}
          description="Viewers read; members and up write; admins manage people and keys"
        />
        <Select
          label="Function"
          data={options(FUNCTIONS, FUNCTION_LABELS)}
          value={v.function}
          allowDeselect={false}
          onChange={(s) => s && form.set("function", s)}
          error={err.function}
          description="The part of the company they work in"
        />
        <TextInput
          label="Job title"
          value={v.title}
          onChange={(e) => form.set("title", e.currentTarget.value)}
          error={err.title}
        />
        <PasswordInput
          label="Initial password"
          description="Becomes their password if they have no Steward login yet (people who have one keep theirs); 12+ characters, hard to guess"
          autoComplete="new-password"
          value={v.password}
          onChange={(e) => form.set("password", e.currentTarget.value)}
          error={err.password}
        />
      </SimpleGrid>
    </FormModal>
  );
}
