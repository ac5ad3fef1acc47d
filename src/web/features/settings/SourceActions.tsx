import { ActionIcon, Menu } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  IconDots,
  IconKey,
  IconListSearch,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconTrash,
} from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { routes, type Source, type SourceWithKey } from "../../../contract/index.ts";
import { api, errorMessage } from "../../api.ts";
import { invalidate } from "../../lib/query.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { useEditTarget } from "../../ui/form.ts";
import { SourceFormModal } from "./SourceModals.tsx";

/** Edit, rotate, disable/enable and delete a source, with their dialogs. */
export function useSourceActions(onRotated: (s: SourceWithKey) => void) {
  const qc = useQueryClient();
  const editing = useEditTarget<Source>();
  const confirming = useEditTarget<Source>();
  const [confirm, setConfirm] = useState<"rotate" | "delete">("rotate");
  const refresh = () => invalidate(qc, routes.listSources.path);

  const rotate = useMutation({
    mutationFn: (s: Source) => api(routes.rotateSourceKey, { params: { id: s.id } }),
    onSuccess: async (s) => {
      await refresh();
      confirming.close();
      onRotated(s);
    },
  });
  const remove = useMutation({
    mutationFn: (s: Source) => api(routes.deleteSource, { params: { id: s.id } }),
    onSuccess: async (_r, s) => {
      await refresh();
      confirming.close();
      notifications.show({ message: `Source “${s.name}” deleted; its stored events stay` });
    },
  });
  const toggle = useMutation({
    mutationFn: (s: Source) =>
      api(routes.updateSource, {
        params: { id: s.id },
        body: { status: s.status === "active" ? "disabled" : "active" },
      }),
    onSuccess: async (s) => {
      await refresh();
      notifications.show({
        message:
          s.status === "active"
            ? `“${s.name}” enabled: it accepts events again`
            : `“${s.name}” disabled: its key is refused until you enable it`,
      });
    },
    onError: (e) =>
      notifications.show({ color: "red", title: "The source was not changed", message: errorMessage(e) }),
  });

  const ask = (kind: "rotate" | "delete", s: Source) => {
    setConfirm(kind);
    rotate.reset();
    remove.reset();
    confirming.open(s);
  };
  const target = confirming.target;
  const pending = confirm === "rotate" ? rotate : remove;

  const dialogs = (
    <>
      <SourceFormModal opened={editing.opened} onClose={editing.close} source={editing.target} />
      <ConfirmDialog
        opened={confirming.opened}
        onClose={confirming.close}
        title={
          confirm === "rotate"
            ? `Rotate the key of “${target?.name ?? ""}”?`
            : `Delete “${target?.name ?? ""}”?`
        }
        message={
          confirm === "rotate"
            ? "A new write key is made and shown once. The current key stops working at once: update every sender."
            : "The source's write key stops working and the source is removed. Events it already sent stay."
        }
        confirmLabel={confirm === "rotate" ? "Rotate key" : "Delete source"}
        color={confirm === "rotate" ? "orange" : "red"}
        onConfirm={() => target && (confirm === "rotate" ? rotate.mutate(target) : remove.mutate(target))}
        loading={pending.isPending}
        error={pending.error}
      />
    </>
  );
  return { edit: editing.open, ask, toggle: (s: Source) => toggle.mutate(s), dialogs };
}

export function SourceActions({
  source: s,
  actions,
  onRejections,
}: {
  source: Source;
  actions: ReturnType<typeof useSourceActions>;
  onRejections: () => void;
}) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${s.name}`}>
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => actions.edit(s)}>
          Edit settings
        </Menu.Item>
        <Menu.Item leftSection={<IconListSearch size={16} />} onClick={onRejections}>
          Recent rejections
        </Menu.Item>
        <Menu.Item leftSection={<IconKey size={16} />} onClick={() => actions.ask("rotate", s)}>
          Rotate write key
        </Menu.Item>
        <Menu.Item
          leftSection={s.status === "active" ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
          onClick={() => actions.toggle(s)}
        >
          {s.status === "active" ? "Disable" : "Enable"}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => actions.ask("delete", s)}>
          Delete source
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
