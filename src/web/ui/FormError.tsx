import { Alert } from "@mantine/core";
import type { FormErrors } from "@mantine/form";
import { IconAlertCircle } from "@tabler/icons-react";
import { errorMessage } from "../api.ts";
import { apiIssues, FORM_ERROR } from "../lib/issues.ts";

/**
 * Above the form's buttons: what went wrong that no field shows. A refused input's issues sit at
 * their fields (`errors`), so only the ones that match no field appear here, once; any other failed
 * save shows the server's message. Without `errors` (no form's fields to point at) every issue is
 * listed here.
 */
export function FormError({ error, errors }: { error: unknown; errors?: FormErrors }) {
  const formLevel = errors?.[FORM_ERROR];
  const atFields = errors !== undefined && apiIssues(error).length > 0;
  const text = formLevel ? formLevel : error && !atFields ? errorMessage(error) : null;
  if (!text) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} p="xs" role="alert">
      {text}
    </Alert>
  );
}
