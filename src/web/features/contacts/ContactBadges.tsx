import { Badge, Group } from "@mantine/core";
import { IconDoorExit, IconStarFilled } from "@tabler/icons-react";
import type { Contact } from "../../../contract/index.ts";

/** Key player / left the company / inactive, each with words and an icon, never colour alone. */
export function ContactBadges({
  contact,
  withKeyPlayer = true,
}: {
  contact: Contact;
  withKeyPlayer?: boolean;
}) {
  return (
    <Group gap={4} wrap="nowrap">
      {withKeyPlayer && contact.isKeyPlayer ? (
        <Badge size="xs" variant="light" leftSection={<IconStarFilled size={9} />} style={{ flexShrink: 0 }}>
          Key player
        </Badge>
      ) : null}
      {contact.leftCompany ? (
        <Badge size="xs" color="red" variant="outline" leftSection={<IconDoorExit size={10} />}>
          Left the company
        </Badge>
      ) : null}
      {contact.status === "inactive" && !contact.leftCompany ? (
        <Badge size="xs" color="gray" variant="outline">
          Inactive
        </Badge>
      ) : null}
    </Group>
  );
}
