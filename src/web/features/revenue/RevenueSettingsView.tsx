import { Stack, Table, Text } from "@mantine/core";
import type { RevenueSettings } from "../../../contract/index.ts";
import { formatDate, formatRate } from "../../lib/format.ts";
import { Section } from "../../ui/Section.tsx";
import { JOIN_AND_LEAVE_TEXT, REACTIVATION_TEXT } from "./revenueSettingsDraft.ts";

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Text size="sm">
      <Text span c="dimmed">
        {label}:{" "}
      </Text>
      {value}
    </Text>
  );
}

/** How the workspace counts revenue, for members who are not admins: the same settings in words. */
export function RevenueSettingsView({ settings: s }: { settings: RevenueSettings }) {
  return (
    <Stack gap="md" maw={900}>
      <Text size="sm" c="dimmed">
        Only admins can change these settings.
      </Text>
      <Section title="Policies">
        <Stack gap={4}>
          <Fact label="Customers who come back after leaving" value={REACTIVATION_TEXT[s.reactivation]} />
          <Fact
            label="Customers who join and leave within a period"
            value={JOIN_AND_LEAVE_TEXT[s.joinAndLeave]}
          />
        </Stack>
      </Section>
      <Section title="Currencies">
        <Stack gap="sm">
          <Fact label="Base currency" value={s.baseCurrency ?? "None: each currency is kept apart"} />
          {s.rates.length > 0 ? (
            <Table aria-label="Exchange rates" className="steward-table" maw={520}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Currency</Table.Th>
                  <Table.Th>Valid from</Table.Th>
                  <Table.Th style={{ textAlign: "right" }}>
                    Rate ({s.baseCurrency ?? "base"} per unit)
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.rates.map((r) => (
                  <Table.Tr key={`${r.currency} ${r.validFrom}`}>
                    <Table.Td>{r.currency}</Table.Td>
                    <Table.Td>{formatDate(r.validFrom)}</Table.Td>
                    <Table.Td className="steward-num">{r.rate}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <Text size="sm" c="dimmed">
              No exchange rates.
            </Text>
          )}
        </Stack>
      </Section>
      <Section title="Lifetime value and forecast">
        <Stack gap={4}>
          <Fact label="Gross margin" value={s.grossMargin === null ? "Not set" : formatRate(s.grossMargin)} />
          <Fact label="Commit threshold" value={formatRate(s.forecast.commitAtLeast)} />
          <Fact label="Likely threshold" value={formatRate(s.forecast.likelyAtLeast)} />
        </Stack>
      </Section>
      <Section title="Renewals and advocacy">
        <Stack gap={4}>
          <Fact label="Notice period" value={`${s.noticeDays} days before the renewal`} />
          <Fact label="Do-not-ask window" value={`${s.doNotAskDays} days`} />
        </Stack>
      </Section>
    </Stack>
  );
}
