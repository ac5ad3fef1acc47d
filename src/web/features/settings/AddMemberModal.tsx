import { PasswordInput, Select, SimpleGrid, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { FUNCTIONS, ROLES } from "../../../common/roles.ts";
import { type Member, ZMemberCreate } from "../../../contract/index.ts";
import { FUNCTION_LABELS, label, options, ROLE_LABELS } from "../../lib/labels.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import {
  blankToNull,
  type FieldLabels,
  restart,
  showServerErrors,
  useContractForm,
  useOnOpen,
} from "../../ui/form.ts";
import { type MemberBody, useMemberMutations } from "./use-member-mutations.ts";

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

const LABELS: FieldLabels = {
  email: "Email",
  name: "Name",
  role: "Role",
  function: "Function",
  title: "Job title",
  password: "Initial password",
};
const toBody = (v: NewMember): MemberBody => ({
  email: v.email.trim(),
  name: v.name.trim(),
  role: v.role as Member["role"],
  function: v.function as Member["function"],
  title: blankToNull(v.title),
  password: v.password || undefined,
});

export function AddMemberModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useContractForm({ initialValues: blank, labels: LABELS, schema: ZMemberCreate, toBody });
  const save = useMemberMutations().add;
  useOnOpen(opened, () => {
    restart(form, blank);
    save.reset();
  });
  const onSubmit = form.onSubmit((body) =>
    save.mutate(body, {
      onSuccess: (i) => {
        notifications.show({
          color: "green",
          message: `${i.name} is invited as ${label(ROLE_LABELS, i.role)}: they join when they accept after signing in`,
        });
        onClose();
      },
      onError: showServerErrors(form, LABELS),
    }),
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Invite a member"
      size="lg"
      onSubmit={onSubmit}
      save={save}
      errors={form.errors}
      submitLabel="Send invitation"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label="Name" required data-autofocus {...form.getInputProps("name")} />
        <TextInput label="Email" type="email" required {...form.getInputProps("email")} />
        <Select
          label="Role"
          data={options(ROLES, ROLE_LABELS)}
          allowDeselect={false}
          {...form.getInputProps("role")}
          description="Viewers read; members and up write; admins manage people and keys"
        />
        <Select
          label="Function"
          data={options(FUNCTIONS, FUNCTION_LABELS)}
          allowDeselect={false}
          {...form.getInputProps("function")}
          description="The part of the company they work in"
        />
        <TextInput label="Job title" {...form.getInputProps("title")} />
        <PasswordInput
          label="Initial password"
          description="Becomes their password if they have no Steward login yet (people who have one keep theirs); 12+ characters, hard to guess"
          autoComplete="new-password"
          {...form.getInputProps("password")}
        />
      </SimpleGrid>
    </FormModal>
  );
}
