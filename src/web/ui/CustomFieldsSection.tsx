import { Anchor, Divider, Stack } from "@mantine/core";
import { useState } from "react";
import type { CustomFieldDef } from "../../contract/index.ts";
import { CustomFieldInputs } from "./CustomFieldInputs.tsx";
import { splitFields } from "./customFieldSplit.ts";

type Value = string | number | boolean | null;

/** The workspace's custom fields in a section of their own, the rarely used ones folded away. */
export function CustomFieldsSection({
  defs,
  values,
  onChange,
  errors,
}: {
  defs: CustomFieldDef[];
  values: Record<string, Value>;
  onChange: (values: Record<string, Value>) => void;
  errors: Record<string, unknown>;
}) {
  const [expanded, setExpanded] = useState(false);
  if (defs.length === 0) return null;
  const { visible, hidden } = splitFields(defs, values, errors);
  const shown = expanded ? defs : visible;
  return (
    <Stack gap="xs" mt="xs">
      <Divider label="Custom fields" labelPosition="left" />
      <CustomFieldInputs defs={shown} values={values} onChange={onChange} errors={errors} />
      {hidden.length > 0 ? (
        <Anchor component="button" type="button" size="sm" onClick={() => setExpanded((x) => !x)}>
          {expanded
            ? "Show fewer fields"
            : `Show ${hidden.length} more field${hidden.length === 1 ? "" : "s"}`}
        </Anchor>
      ) : null}
    </Stack>
  );
}
