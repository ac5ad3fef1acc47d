import { Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { utcToday } from "../../../common/dates.ts";
import { type AdvocacyAsk, type AdvocacyState, ZAdvocacyStateChange } from "../../../contract/index.ts";
import { formatDate } from "../../lib/format.ts";
import { FormModal } from "../../ui/FormModal.tsx";
import { type FieldLabels, restart, showServerErrors, useContractForm, useOnOpen } from "../../ui/form.ts";
import { KIND_LABELS, MOVE_LABELS, STATE_LABELS } from "./labels.ts";
import { type StateChangeBody, useAdvocacyMutations } from "./use-advocacy.ts";

type Values = { stateOn: string };
const LABELS: FieldLabels = { stateOn: "On" };

/** Moves an ask on (agreed, delivered or declined) on a day, today unless said otherwise. */
export function MoveAskModal({
  move: target,
  onClose,
}: {
  move: { ask: AdvocacyAsk; state: AdvocacyState } | null;
  onClose: () => void;
}) {
  const { move } = useAdvocacyMutations();
  const state = target?.state ?? "agreed";
  const form = useContractForm<Values, StateChangeBody>({
    initialValues: { stateOn: utcToday() },
    labels: LABELS,
    schema: ZAdvocacyStateChange,
    toBody: (v) => ({ state, stateOn: v.stateOn || undefined }),
  });
  useOnOpen(target !== null, () => {
    restart(form, { stateOn: utcToday() });
    move.reset();
  });
  const onSubmit = form.onSubmit((body) => {
    if (!target) return;
    move.mutate(
      { ask: target.ask, body },
      {
        onSuccess: (a) => {
          notifications.show({
            color: "green",
            message: `${KIND_LABELS[a.kind]} from ${a.contact?.name ?? a.account.name}: ${STATE_LABELS[a.state].toLowerCase()}`,
          });
          onClose();
        },
        onError: showServerErrors(form, LABELS),
      },
    );
  });
  const a = target?.ask;
  return (
    <FormModal
      opened={target !== null}
      onClose={onClose}
      title={MOVE_LABELS[state]}
      onSubmit={onSubmit}
      save={move}
      errors={form.errors}
      submitLabel="Save"
    >
      {a ? (
        <Text size="sm">
          {KIND_LABELS[a.kind]} asked of {a.contact?.name ?? a.account.name} on {formatDate(a.askedOn)}
          {a.detail ? ` — ${a.detail}` : ""}
        </Text>
      ) : null}
      <TextInput type="date" label="On" max={utcToday()} data-autofocus {...form.getInputProps("stateOn")} />
    </FormModal>
  );
}
