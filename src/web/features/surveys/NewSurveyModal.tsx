import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconInfoCircle } from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { SURVEY_KINDS, type SurveyKind, type SurveyPreview, ZSurveySend } from "../../../contract/index.ts";
import { apiFormErrors } from "../../lib/issues.ts";
import { FormError } from "../../ui/FormError.tsx";
import {
  type FieldLabels,
  FORM_ERROR,
  restart,
  showServerErrors,
  useContractForm,
  useOnOpen,
} from "../../ui/form.ts";
import { AccountsMultiPicker, ContactsMultiPicker } from "../../ui/multiPickers.tsx";
import { KIND_HINTS, KIND_LABELS } from "./labels.ts";
import { PreviewStep } from "./PreviewStep.tsx";
import { type SurveyBody, useSurveyMutations } from "./use-survey-mutations.ts";

type Option = { value: string; label: string };

/** Who the flow starts with: chosen accounts (an account page), or the accounts list's filter. */
export type SurveyPreset =
  | { type: "accounts"; accounts: Option[] }
  | { type: "filter"; filter: AccountsFilter; description: string };

/** The accounts list's filter as the request takes it (the list's own query values). */
export type AccountsFilter = NonNullable<SurveyBody["audience"]["accountFilter"]>;

type AudienceType = "contacts" | "accounts" | "filter";
type Values = {
  kind: SurveyKind;
  audienceType: AudienceType;
  audience: { contactIds: string[]; accountIds: string[] };
  recontactDays: number | "";
  name: string;
  question: string;
};

const LABELS: FieldLabels = {
  kind: "Kind",
  "audience.contactIds": "Contacts",
  "audience.accountIds": "Accounts",
  recontactDays: "Recontact days",
  name: "Name",
  question: "Question",
};

const valuesOf = (preset?: SurveyPreset): Values => ({
  kind: "nps",
  audienceType: preset?.type ?? "contacts",
  audience: {
    contactIds: [],
    accountIds: preset?.type === "accounts" ? preset.accounts.map((a) => a.value) : [],
  },
  recontactDays: 90,
  name: "",
  question: "",
});

const toBody =
  (preset?: SurveyPreset) =>
  (v: Values): SurveyBody => ({
    kind: v.kind,
    audience:
      v.audienceType === "filter" && preset?.type === "filter"
        ? { accountFilter: preset.filter }
        : v.audienceType === "accounts"
          ? { accountIds: v.audience.accountIds }
          : { contactIds: v.audience.contactIds },
    recontactDays: v.recontactDays === "" ? undefined : v.recontactDays,
    name: v.name.trim() || undefined,
    question: v.question.trim() || undefined,
  });

/**
 * A new survey in two steps: what to ask and whom, then the preview of who will be asked and who
 * is left out (and why) before anything is sent.
 */
export function NewSurveyModal({
  opened,
  onClose,
  preset,
}: {
  opened: boolean;
  onClose: () => void;
  preset?: SurveyPreset;
}) {
  const form = useContractForm({
    initialValues: valuesOf(preset),
    labels: LABELS,
    schema: ZSurveySend,
    toBody: toBody(preset),
  });
  const { preview, send } = useSurveyMutations();
  const [checked, setChecked] = useState<{ body: SurveyBody; preview: SurveyPreview } | null>(null);
  const navigate = useNavigate();

  useOnOpen(opened, () => {
    restart(form, valuesOf(preset));
    preview.reset();
    send.reset();
    setChecked(null);
  });

  const onPreview = form.onSubmit((body) =>
    preview.mutate(body, {
      onSuccess: (p) => setChecked({ body, preview: p }),
      onError: showServerErrors(form, LABELS),
    }),
  );

  const onSend = () => {
    if (!checked) return;
    send.mutate(checked.body, {
      onSuccess: async (sent) => {
        const n = sent.survey.recipients;
        notifications.show({
          color: "green",
          title: `Survey sent to ${n} key player${n === 1 ? "" : "s"}`,
          message:
            sent.delivery === "held"
              ? "No SMTP server is configured, so the invitations are held in the outbox (Settings → Outbox)."
              : "The invitations are on their way.",
        });
        onClose();
        await navigate({ to: "/surveys/$id", params: { id: sent.survey.id } });
      },
      onError: (e) => {
        // A refused field goes back to the form, where it is shown at the field.
        const errors = apiFormErrors(e, LABELS);
        if (Object.keys(errors).some((k) => k !== FORM_ERROR)) {
          form.setErrors(errors);
          setChecked(null);
        }
      },
    });
  };

  const type = form.values.audienceType;
  return (
    <Modal opened={opened} onClose={onClose} title="New survey" size="xl">
      {checked ? (
        <PreviewStep
          preview={checked.preview}
          send={send}
          onBack={() => {
            send.reset();
            setChecked(null);
          }}
          onSend={onSend}
        />
      ) : (
        <form onSubmit={onPreview} noValidate aria-label="New survey">
          <Stack gap="sm">
            <Select
              label="Kind"
              allowDeselect={false}
              data={SURVEY_KINDS.map((k) => ({ value: k, label: `${KIND_LABELS[k]} — ${KIND_HINTS[k]}` }))}
              {...form.getInputProps("kind")}
            />
            <Stack gap={6}>
              <Text size="sm" fw={500}>
                Who is asked
              </Text>
              <SegmentedControl
                aria-label="Who is asked"
                data={[
                  { value: "contacts", label: "Chosen contacts" },
                  { value: "accounts", label: "Key players of chosen accounts" },
                  ...(preset?.type === "filter"
                    ? [{ value: "filter", label: "Key players of the filtered accounts" }]
                    : []),
                ]}
                {...form.getInputProps("audienceType")}
              />
              {type === "contacts" ? (
                <ContactsMultiPicker
                  label="Contacts"
                  placeholder="Search contacts by name, email or title"
                  {...form.getInputProps("audience.contactIds")}
                />
              ) : type === "accounts" ? (
                <AccountsMultiPicker
                  label="Accounts"
                  placeholder="Search accounts by name"
                  initialOptions={preset?.type === "accounts" ? preset.accounts : undefined}
                  {...form.getInputProps("audience.accountIds")}
                />
              ) : preset?.type === "filter" ? (
                <Alert variant="light" icon={<IconInfoCircle size={18} />} p="xs">
                  The key players of every account matching the accounts list's filter: {preset.description}
                </Alert>
              ) : null}
              {type !== "contacts" && preset?.type !== "filter" ? (
                <Text size="xs" c="dimmed">
                  To ask the key players of a filtered list of accounts, filter the Accounts page and choose
                  “Survey key players” there.
                </Text>
              ) : null}
            </Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <NumberInput
                label="Recontact days"
                description="No one asked in the last this many days is asked again"
                min={0}
                max={365}
                allowDecimal={false}
                {...form.getInputProps("recontactDays")}
              />
              <TextInput
                label="Name"
                description="Optional; by default the kind and the month"
                {...form.getInputProps("name")}
              />
            </SimpleGrid>
            <Textarea
              label="Question"
              description="Optional; each kind has a standard question"
              autosize
              minRows={2}
              maxRows={5}
              {...form.getInputProps("question")}
            />
            <FormError error={preview.error} errors={form.errors} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={preview.isPending}>
                Preview recipients
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
