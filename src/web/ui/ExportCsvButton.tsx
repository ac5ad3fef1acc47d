import { Button } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { routes } from "../../contract/index.ts";
import { routeUrl } from "../api.ts";

/** Downloads every record of a list as CSV. */
export function ExportCsvButton({ entity }: { entity: "accounts" | "contacts" }) {
  return (
    <Button
      component="a"
      href={routeUrl(routes.exportCsv, { entity })}
      variant="default"
      leftSection={<IconDownload size={16} />}
    >
      Export CSV
    </Button>
  );
}
