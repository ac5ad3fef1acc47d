import { Badge, Button, FileInput, Group, Paper, Radio, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import {
  IconActivity,
  IconAddressBook,
  IconArrowRight,
  IconBuildingSkyscraper,
  IconCalendarRepeat,
  IconFileTypeCsv,
  IconLifebuoy,
  IconMessageCircle,
  IconMessages,
  IconReceipt,
} from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { type ImportEntity, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { humanize } from "../../lib/labels.ts";
import { apiQuery } from "../../lib/query.ts";
import { FormError } from "../../ui/FormError.tsx";
import type { CsvFile, Preview } from "./ImportPage.tsx";

const MAX_BYTES = 60 * 1024 * 1024;

const ENTITIES: { value: ImportEntity; label: string; icon: typeof IconReceipt; help: string }[] = [
  {
    value: "accounts",
    label: "Accounts",
    icon: IconBuildingSkyscraper,
    help: "Your customers: name, tier, industry, owner… Rows with a known external id update the account.",
  },
  {
    value: "contacts",
    label: "Contacts",
    icon: IconAddressBook,
    help: "People at your customers, matched to accounts by the account's external id or name.",
  },
  {
    value: "subscriptions",
    label: "Subscriptions",
    icon: IconReceipt,
    help: "What each customer buys: product, MRR, dates. They set the accounts' ARR and renewals.",
  },
  {
    value: "usage",
    label: "Usage",
    icon: IconActivity,
    help: "Feature use per subscription or account: an event or a day's count per row. Event ids seen before are skipped.",
  },
  {
    value: "tickets",
    label: "Support tickets",
    icon: IconLifebuoy,
    help: "Tickets from your help desk with priority, escalation and satisfaction. A known ticket id updates the ticket.",
  },
  {
    value: "survey-responses",
    label: "Survey answers",
    icon: IconMessageCircle,
    help: "NPS, CSAT or CES answers collected elsewhere: email,kind,score,answered_at,comment. Each email must be a contact.",
  },
  {
    value: "touchpoints",
    label: "Touchpoints",
    icon: IconMessages,
    help: "Calls, meetings, emails… exported from your CRM, with the employee, steps and key players present. A known activity id updates the touchpoint.",
  },
  {
    value: "renewal-outcomes",
    label: "Renewal outcomes",
    icon: IconCalendarRepeat,
    help: "Renewals and churns decided elsewhere, with their reason codes. Each is matched to the subscription ending nearest its date; a known event id updates it.",
  },
];

const readText = (f: File): Promise<string> =>
  new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result ?? ""));
    r.onerror = () => reject(new Error(`The file could not be read: ${r.error?.message ?? "unknown error"}`));
    r.readAsText(f);
  });

export function ChooseFileStep({
  entity,
  onEntity,
  file,
  onFile,
  onPreview,
}: {
  entity: ImportEntity;
  onEntity: (e: ImportEntity) => void;
  file: CsvFile | null;
  onFile: (f: CsvFile | null) => void;
  onPreview: (p: Preview) => void;
}) {
  const [fileError, setFileError] = useState<string | null>(null);
  const [picked, setPicked] = useState<File | null>(null);
  const preview = useMutation({
    mutationFn: () => api(routes.previewImport, { params: { entity }, body: { csv: file?.text ?? "" } }),
    onSuccess: onPreview,
  });

  const pick = async (f: File | null) => {
    setPicked(f);
    setFileError(null);
    preview.reset();
    if (!f) return onFile(null);
    if (f.size > MAX_BYTES) {
      onFile(null);
      return setFileError(
        "The file is larger than 60 MB. Split it into smaller files and import them one by one.",
      );
    }
    try {
      const text = await readText(f);
      if (!text.trim()) {
        onFile(null);
        return setFileError("The file is empty. Export the data again with a header row.");
      }
      onFile({ name: f.name, text, size: f.size });
    } catch (e) {
      onFile(null);
      setFileError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Stack gap="lg" maw={900}>
      <div>
        <Title order={4} fz="md" mb="xs">
          1. What are you importing?
        </Title>
        <Radio.Group value={entity} onChange={(v) => onEntity(v as ImportEntity)}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            {ENTITIES.map((e) => (
              <Radio.Card key={e.value} value={e.value} p="md" radius="md" aria-label={e.label}>
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <Radio.Indicator />
                  <div>
                    <Group gap={6}>
                      <e.icon size={16} />
                      <Text fw={600} size="sm">
                        {e.label}
                      </Text>
                    </Group>
                    <Text size="xs" c="dimmed" mt={4}>
                      {e.help}
                    </Text>
                  </div>
                </Group>
              </Radio.Card>
            ))}
          </SimpleGrid>
        </Radio.Group>
      </div>
      <div>
        <Title order={4} fz="md" mb="xs">
          2. Choose the CSV file
        </Title>
        <FileInput
          aria-label="CSV file"
          placeholder="Pick a .csv file (UTF-8, first row = column names)"
          accept=".csv,text/csv"
          leftSection={<IconFileTypeCsv size={18} />}
          value={picked}
          onChange={pick}
          clearable
          error={fileError}
          maw={520}
        />
        {file ? (
          <Text size="xs" c="dimmed" mt={6}>
            {file.name} · {formatNumber(Math.ceil(file.size / 1024))} KB ·{" "}
            {formatNumber(file.text.split("\n").filter((l) => l.trim()).length - 1)} data lines
          </Text>
        ) : null}
      </div>
      <FormError error={preview.error} />
      <Group>
        <Button
          rightSection={<IconArrowRight size={16} />}
          disabled={!file}
          loading={preview.isPending}
          onClick={() => preview.mutate()}
        >
          Next: map columns
        </Button>
      </Group>
      <RecentImports />
    </Stack>
  );
}

function RecentImports() {
  const imports = useQuery(apiQuery(routes.listImports, { query: { limit: 5 } }));
  const list = imports.data?.data ?? [];
  if (list.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" mt="md">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb="xs">
        Recent imports and dry runs
      </Text>
      <Stack gap={6}>
        {list.map((r) => (
          <Group key={r.id} justify="space-between" wrap="nowrap">
            <Text size="sm" truncate>
              {humanize(r.entity)} · {r.fileName ?? "pasted CSV"}
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Text size="xs" c="dimmed">
                {formatNumber(r.totalRows)} rows
                {r.errorRows ? `, ${formatNumber(r.errorRows)} with errors` : ""}
              </Text>
              <Badge
                size="xs"
                variant={r.status === "committed" ? "light" : "outline"}
                color={r.status === "committed" ? "green" : r.status === "rejected" ? "red" : "gray"}
              >
                {r.status === "validated" ? "dry run" : r.status}
              </Badge>
              <Text size="xs" c="dimmed" w={150} ta="right" style={{ whiteSpace: "nowrap" }}>
                {formatDateTime(r.createdAt)}
              </Text>
            </Group>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
