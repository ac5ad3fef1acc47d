import { Breadcrumbs, Button } from "@mantine/core";
import { IconDeviceFloppy } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { AnchorLink } from "./links.tsx";
import { PageHeader } from "./PageHeader.tsx";

type Editable =
  | { list: "/rules"; page: "/rules/$id" }
  | { list: "/segments"; page: "/segments/$id" }
  | { list: "/playbooks"; page: "/playbooks/$id" };

/**
 * The top of a full-page editor: the way back to the list (and to the record being edited), what
 * it is, and Cancel / Save. `cannotSave` says why saving is off for the viewer's role.
 */
export function EditorHeader({
  at,
  listLabel,
  record,
  title,
  description,
  saveLabel,
  saving,
  onCancel,
  cannotSave,
}: {
  at: Editable;
  listLabel: string;
  record?: { id: string; name: string };
  title: string;
  description: ReactNode;
  saveLabel: string;
  saving: boolean;
  onCancel: () => void;
  cannotSave?: string;
}) {
  return (
    <PageHeader
      above={
        <Breadcrumbs separator="›">
          <AnchorLink to={at.list} size="sm" c="dimmed">
            {listLabel}
          </AnchorLink>
          {record ? (
            <AnchorLink to={at.page} params={{ id: record.id }} size="sm" c="dimmed">
              {record.name}
            </AnchorLink>
          ) : null}
        </Breadcrumbs>
      }
      title={title}
      description={description}
      actions={
        <>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button
            type="submit"
            leftSection={<IconDeviceFloppy size={16} />}
            loading={saving}
            disabled={Boolean(cannotSave)}
            title={cannotSave}
          >
            {saveLabel}
          </Button>
        </>
      }
    />
  );
}
