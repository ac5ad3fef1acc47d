import { Alert } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { errorMessage, isApiError } from "../api.ts";

/** The server's answer to a failed save, above the form's buttons. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const fields = isApiError(error) ? Object.keys(error.fieldErrors).length : 0;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} p="xs">
      {fields > 0
        ? `${isApiError(error) ? error.message : ""} — see the highlighted fields.`
        : errorMessage(error)}
    </Alert>
  );
}
