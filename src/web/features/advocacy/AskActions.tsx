import { ActionIcon, Menu } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCheck, IconDots, IconHandStop, IconThumbUp, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import type { AdvocacyAsk, AdvocacyState } from "../../../contract/index.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { useEditTarget } from "../../ui/form.ts";
import { KIND_LABELS, MOVE_LABELS } from "./labels.ts";
import { MoveAskModal } from "./MoveAskModal.tsx";
import { useAdvocacyMutations } from "./use-advocacy.ts";

const MOVE_ICONS = {
  asked: null,
  agreed: IconThumbUp,
  delivered: IconCheck,
  declined: IconHandStop,
} as const;

/** What a list of asks can do to a row, with the dialogs it opens; render `AskActionDialogs` once. */
export function useAskActions() {
  const [moving, setMoving] = useState<{ ask: AdvocacyAsk; state: AdvocacyState } | null>(null);
  const deleting = useEditTarget<AdvocacyAsk>();
  const { remove } = useAdvocacyMutations();
  return { moving, setMoving, deleting, remove };
}
export type AskActions = ReturnType<typeof useAskActions>;

const askName = (a: AdvocacyAsk) => `${KIND_LABELS[a.kind]} from ${a.contact?.name ?? a.account.name}`;

/** A row's menu: the moves its state allows, then Delete. Named for screen readers by the ask. */
export function AskRowActions({ ask, actions }: { ask: AdvocacyAsk; actions: AskActions }) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Change ${askName(ask)}`}>
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {ask.nextStates.map((state) => {
          const Icon = MOVE_ICONS[state];
          return (
            <Menu.Item
              key={state}
              leftSection={Icon ? <Icon size={16} /> : null}
              onClick={() => actions.setMoving({ ask, state })}
            >
              {MOVE_LABELS[state]}…
            </Menu.Item>
          );
        })}
        {ask.nextStates.length > 0 ? <Menu.Divider /> : null}
        <Menu.Item
          color="red"
          leftSection={<IconTrash size={16} />}
          onClick={() => actions.deleting.open(ask)}
        >
          Delete…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function AskActionDialogs({ actions: a }: { actions: AskActions }) {
  const target = a.deleting.target;
  return (
    <>
      <MoveAskModal move={a.moving} onClose={() => a.setMoving(null)} />
      <ConfirmDialog
        opened={a.deleting.opened}
        onClose={a.deleting.close}
        title="Delete this ask?"
        message={
          target
            ? `${askName(target)}, asked on ${target.askedOn}, goes for good. Delete an ask only when it was recorded by mistake; the timeline keeps what it said.`
            : ""
        }
        confirmLabel="Delete ask"
        loading={a.remove.isPending}
        error={a.remove.error}
        onConfirm={() =>
          target &&
          a.remove.mutate(target, {
            onSuccess: () => {
              a.deleting.close();
              notifications.show({ message: "Ask deleted" });
            },
          })
        }
      />
    </>
  );
}
