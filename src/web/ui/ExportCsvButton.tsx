import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDownload } from "@tabler/icons-react";
import { useState } from "react";
import type { RouteQueryIn, routes } from "../../contract/index.ts";
import { errorMessage, routeUrl } from "../api.ts";
import { type CsvCell, downloadCsv } from "../lib/csv.ts";

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

/**
 * The same button for a table the page already holds in full (no export route): `rows()` gives
 * the header and rows as the table shows them, built when clicked — or, for a list shown a page
 * at a time, read from the server then (the button spins meanwhile; a failure says why).
 */
export function DownloadCsvButton({
  filename,
  rows,
  disabled,
}: {
  filename: string;
  rows: () => CsvCell[][] | Promise<CsvCell[][]>;
  disabled?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      downloadCsv(filename, await rows());
    } catch (e) {
      notifications.show({ color: "red", title: "The CSV could not be made", message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="default"
      size="xs"
      leftSection={<IconDownload size={14} />}
      disabled={disabled}
      loading={busy}
      onClick={() => void download()}
    >
      Export CSV
    </Button>
  );
}
