import { Breadcrumbs, Stack } from "@mantine/core";
import { ErrorAlert } from "./ErrorAlert.tsx";
import { AnchorLink } from "./links.tsx";

/** A detail page whose record failed to load: the way back to its list, and what went wrong. */
export function RecordLoadError({
  list,
  listLabel,
  error,
  title,
  onRetry,
}: {
  list: "/accounts" | "/contacts" | "/health" | "/surveys" | "/segments" | "/rules" | "/playbooks";
  listLabel: string;
  error: unknown;
  title: string;
  onRetry: () => void;
}) {
  return (
    <Stack>
      <Breadcrumbs>
        <AnchorLink to={list} size="sm">
          {listLabel}
        </AnchorLink>
      </Breadcrumbs>
      <ErrorAlert error={error} title={title} onRetry={onRetry} />
    </Stack>
  );
}
