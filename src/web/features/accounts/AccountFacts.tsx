import { DataList, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { type Account, routes } from "../../../contract/index.ts";
import { formatDateTime, formatMoney } from "../../lib/format.ts";
import { humanize } from "../../lib/labels.ts";
import { apiQuery } from "../../lib/query.ts";
import { formatCustomValue } from "../../ui/CustomFieldInputs.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { Section } from "../../ui/Section.tsx";
import { COVERAGE_LABELS } from "../health/healthText.ts";
import { GovernedValue } from "./SettingSource.tsx";

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children ?? <Text c="dimmed">—</Text>}</DataList.ItemValue>
    </DataList.Item>
  );
}

const dash = (v: string | null) =>
  v ?? (
    <Text span c="dimmed" size="sm">
      —
    </Text>
  );

/** The account's own fields, its child accounts and its custom fields. */
export function AccountFacts({ account: a, canWrite }: { account: Account; canWrite: boolean }) {
  const children = useQuery(
    apiQuery(routes.listAccounts, { query: { parentId: a.id, limit: 50, sort: "name" } }),
  );
  const defs = useQuery(apiQuery(routes.listCustomFields, { query: { entity: "account" } }));
  const labelOf = new Map((defs.data?.data ?? []).map((d) => [d.key, d.label]));
  const custom = Object.entries(a.customFields);

  return (
    <Section title="Details" testId="account-details">
      <Stack gap="md">
        <DataList size="sm" labelWidth={110} gap={6}>
          <Item label="Tier">
            <GovernedValue account={a} field="tier" canWrite={canWrite}>
              {dash(a.tier)}
            </GovernedValue>
          </Item>
          <Item label="Coverage">
            <GovernedValue account={a} field="coverage" canWrite={canWrite}>
              {dash(a.coverage ? (COVERAGE_LABELS[a.coverage] ?? a.coverage) : null)}
            </GovernedValue>
          </Item>
          <Item label="Industry">{dash(a.industry)}</Item>
          <Item label="Region">{dash(a.region)}</Item>
          <Item label="Country">{dash(a.country)}</Item>
          <Item label="Domain">{dash(a.domain)}</Item>
          <Item label="External id">{dash(a.externalId)}</Item>
          <Item label="MRR">{formatMoney(a.mrrMinor, a.currency)}</Item>
          <Item label="Currency">{a.currency}</Item>
          <Item label="Created">{formatDateTime(a.createdAt)}</Item>
          <Item label="Updated">{formatDateTime(a.updatedAt)}</Item>
        </DataList>

        <div>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={6}>
            Child accounts
          </Text>
          {children.isLoading ? (
            <Text size="sm" c="dimmed">
              Loading…
            </Text>
          ) : (children.data?.data.length ?? 0) === 0 ? (
            <Text size="sm" c="dimmed">
              None. Set this account as the parent of a subsidiary to build the hierarchy.
            </Text>
          ) : (
            <Stack gap={4}>
              {children.data?.data.map((c) => (
                <AnchorLink key={c.id} to="/accounts/$id" params={{ id: c.id }} size="sm">
                  {c.name}
                  <Text span size="xs" c="dimmed" ml={6}>
                    {formatMoney(c.arrMinor, c.currency)} ARR
                  </Text>
                </AnchorLink>
              ))}
              {children.data?.nextCursor ? (
                <Text size="xs" c="dimmed">
                  and more…
                </Text>
              ) : null}
            </Stack>
          )}
        </div>

        {custom.length > 0 ? (
          <div>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={6}>
              Custom fields
            </Text>
            <DataList size="sm" labelWidth={110} gap={6}>
              {custom.map(([k, v]) => (
                <Item key={k} label={labelOf.get(k) ?? humanize(k)}>
                  {formatCustomValue(v)}
                </Item>
              ))}
            </DataList>
          </div>
        ) : null}
      </Stack>
    </Section>
  );
}
