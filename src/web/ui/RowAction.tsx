import { ActionIcon, Tooltip } from "@mantine/core";
import type { ReactNode } from "react";

/** A quiet icon button on a table row or list item, named by its tooltip and aria-label. */
export function RowAction({
  tooltip,
  label,
  icon,
  onClick,
}: {
  tooltip: string;
  label: string;
  icon: ReactNode;
  onClick: () => void;
}) {
  return (
    <Tooltip label={tooltip} withArrow>
      <ActionIcon variant="subtle" color="gray" aria-label={label} onClick={onClick}>
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}
