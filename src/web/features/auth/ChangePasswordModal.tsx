import { Modal } from "@mantine/core";
import { ChangePasswordForm } from "./ChangePasswordForm.tsx";

/** From the user menu: a signed-in person changes their own password. */
export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Change password" size="md">
      {opened ? <ChangePasswordForm onDone={onClose} onCancel={onClose} /> : null}
    </Modal>
  );
}
