import { type FormErrors, type UseFormReturnType, useForm } from "@mantine/form";
import { useCallback, useEffect, useState } from "react";
import type { z } from "zod";
import { apiFormErrors, type FieldLabels, schemaFormErrors } from "../lib/issues.ts";

export { type FieldLabels, FORM_ERROR } from "../lib/issues.ts";

type Values = Record<string, unknown>;

/**
 * A form on @mantine/form checked with the contract's own schema before anything is sent, so the
 * browser says what the server would ("Name is required") without a round trip. `toBody` turns
 * the form's values into the request body; `onSubmit` handlers receive that body. `check` adds
 * rules the schema cannot know (e.g. a picker that must be set before the body can be built).
 */
export function useContractForm<V extends Values, B>(opts: {
  initialValues: V;
  labels: FieldLabels;
  schema: z.ZodType;
  toBody: (values: V) => B;
  check?: (values: V) => FormErrors;
}): UseFormReturnType<V, B> {
  return useForm<V, B>({
    mode: "controlled",
    initialValues: opts.initialValues,
    transformValues: opts.toBody,
    validate: (values) => ({
      ...schemaFormErrors(opts.schema, opts.toBody(values), opts.labels),
      ...opts.check?.(values),
    }),
  });
}

/** Starts a form again from `values` (a modal opening on another row), without old errors. */
export const restart = <V extends Values>(
  form: { setInitialValues: (v: V) => void; setValues: (v: V) => void; clearErrors: () => void },
  values: V,
) => {
  form.setInitialValues(values);
  form.setValues(values);
  form.clearErrors();
};

/** A mutation's onError: the server's issues next to their fields, the rest at the top. */
export const showServerErrors =
  (form: { setErrors: (errors: FormErrors) => void }, labels: FieldLabels) => (e: unknown) => {
    const errors = apiFormErrors(e, labels);
    if (Object.keys(errors).length > 0) form.setErrors(errors);
  };

/** Empty text inputs become null, as the API expects for cleared optional fields. */
export const blankToNull = (s: string): string | null => (s.trim() === "" ? null : s.trim());

/** Which row a modal edits; keeps the row while the modal animates closed. */
export function useEditTarget<T>() {
  const [target, setTarget] = useState<T | undefined>(undefined);
  const [opened, setOpened] = useState(false);
  return {
    target,
    opened,
    open: useCallback((t: T) => {
      setTarget(t);
      setOpened(true);
    }, []),
    close: useCallback(() => setOpened(false), []),
  };
}

/** Runs `onOpen` each time a modal opens, e.g. to start its form from fresh values. */
export function useOnOpen(opened: boolean, onOpen: () => void) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: run only when the modal opens
  useEffect(() => {
    if (opened) onOpen();
  }, [opened]);
}
