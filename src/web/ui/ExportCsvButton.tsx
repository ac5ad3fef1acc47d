import { Button } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import type { RouteQueryIn, routes } from "../../contract/index.ts";
import { routeUrl } from "../api.ts";

type ExportRoute = typeof routes.exportAccounts | typeof routes.exportContacts;

/**
 * Downloads what a list shows as CSV: `query` is the list's own search, filters and sort (without
 * its paging), so the file holds every row of every page, in the list's order.
 */
export function ExportCsvButton<R extends ExportRoute>({
  route,
  query,
}: {
  route: R;
  query: RouteQueryIn<R>;
}) {
  return (
    <Button
      component="a"
      href={routeUrl(route, undefined, query as Record<string, unknown>)}
      variant="default"
      leftSection={<IconDownload size={16} />}
    >
      Export CSV
    </Button>
  );
}
