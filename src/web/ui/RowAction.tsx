import { ActionIcon, Tooltip } from "@mantine/core";
import type { ReactNode } from "react";

/** A quiet icon button on a table row or list item, named by its tooltip and aria-label. */
export function RowAction({
  tooltip,
  label,
  icon,
  onClick,
  disabled,
  color = "gray",
}: {
  tooltip: string;
  label: string;
  icon: ReactNode;
  onClick: () => void;
  disabled?: boolean;
  /** "red" for a button that removes something. */
  color?: string;
}) {
  return (
    <Tooltip label={tooltip} withArrow>
      <ActionIcon variant="subtle" color={color} aria-label={label} onClick={onClick} disabled={disabled}>
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}
