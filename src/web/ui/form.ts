import { useCallback, useEffect, useState } from "react";
import type { z } from "zod";
import { isApiError } from "../api.ts";

export type FieldErrors = Record<string, string>;

/** Field errors from a zod schema, keyed like the server's issue paths ("name", "options.0"). */
export const zodFieldErrors = (schema: z.ZodType, data: unknown): FieldErrors | null => {
  const r = schema.safeParse(data);
  if (r.success) return null;
  const out: FieldErrors = {};
  for (const issue of r.error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
};

/** Small form state: values, per-field errors, and a setter that clears the field's error. */
export function useFormState<T extends Record<string, unknown>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    setValues((prev) => ({ ...prev, [key]: value }));
    setErrors((prev) => {
      if (!(key in prev)) return prev;
      const { [key as string]: _removed, ...rest } = prev;
      return rest;
    });
  }, []);
  const reset = useCallback((next: T) => {
    setValues(next);
    setErrors({});
  }, []);
  /** Checks `data` against `schema`; on failure shows the errors and returns false. */
  const validate = useCallback((schema: z.ZodType, data: unknown) => {
    const errs = zodFieldErrors(schema, data);
    if (errs) setErrors(errs);
    return errs === null;
  }, []);
  /** For a mutation's onError: the server's field errors next to their fields. */
  const showServerErrors = useCallback((e: unknown) => setErrors(serverFieldErrors(e)), []);
  return { values, set, errors, setErrors, reset, validate, showServerErrors };
}

/** Puts a VALIDATION_FAILED answer's issues next to the fields they name. */
export const serverFieldErrors = (e: unknown): FieldErrors => (isApiError(e) ? e.fieldErrors : {});

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
