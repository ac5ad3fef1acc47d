import { Button, Group, Modal, type ModalProps, Stack } from "@mantine/core";
import type { FormErrors } from "@mantine/form";
import type { FormEvent, ReactNode } from "react";
import { FormError } from "./FormError.tsx";

/** The save's state, as a react-query mutation reports it. */
type Saving = { error: unknown; isPending: boolean };

/** The server's answer to a failed save, then Cancel and the submit button. */
export function FormFooter({
  save,
  onCancel,
  submitLabel,
  mt,
  errors,
}: {
  save: Saving;
  /** The form's errors: the ones that belong to no field show above the buttons. */
  errors?: FormErrors;
  onCancel: () => void;
  submitLabel: ReactNode;
  mt?: "xs";
}) {
  return (
    <>
      <FormError error={save.error} errors={errors} />
      <Group justify="flex-end" mt={mt}>
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={save.isPending}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}

/** A modal holding one form: its fields, then the save's error and Cancel / submit. */
export function FormModal({
  opened,
  onClose,
  title,
  size,
  onSubmit,
  save,
  submitLabel,
  footerMt,
  errors,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  size?: ModalProps["size"];
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  save: Saving;
  errors?: FormErrors;
  submitLabel: ReactNode;
  /** Extra space above the buttons, for the longer forms. */
  footerMt?: "xs";
  children: ReactNode;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {children}
          <FormFooter
            save={save}
            onCancel={onClose}
            submitLabel={submitLabel}
            mt={footerMt}
            errors={errors}
          />
        </Stack>
      </form>
    </Modal>
  );
}
