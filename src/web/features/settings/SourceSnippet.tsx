import { Button, Code, CopyButton, Group, Stack, Tabs, Text } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";

const KEY_PLACEHOLDER = "<WRITE KEY>";

/** The Segment Node library pointed at this Steward; the key is filled in while it is being shown. */
export const nodeSnippet = (origin: string, writeKey = KEY_PLACEHOLDER, groupId = "<ACCOUNT EXTERNAL ID>") =>
  `import { Analytics } from '@segment/analytics-node'

const analytics = new Analytics({ writeKey: '${writeKey}', host: '${origin}', path: '/v1/batch' })

analytics.identify({ userId: 'user-1', traits: { email: 'ana@example.com', name: 'Ana Ruiz', title: 'Ops lead' } })
analytics.group({ userId: 'user-1', groupId: '${groupId}', traits: { name: 'Acme' } })
analytics.track({ userId: 'user-1', event: 'Report Exported', properties: { format: 'csv' } })`;

/** One event over the HTTP API, with the write key as the Basic-auth user name. */
export const curlSnippet = (origin: string, writeKey = KEY_PLACEHOLDER) =>
  `curl -u '${writeKey}:' -H 'content-type: application/json' -d '{"userId":"u1","event":"Signed In"}' ${origin}/v1/track`;

function CopyBlock({ code, label }: { code: string; label: string }) {
  return (
    <Stack gap={6}>
      <Code
        block
        style={{ fontSize: 12.5, whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
        aria-label={label}
      >
        {code}
      </Code>
      <Group justify="flex-end">
        <CopyButton value={code}>
          {({ copied, copy }) => (
            <Button
              size="xs"
              variant={copied ? "light" : "default"}
              color={copied ? "green" : undefined}
              leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
              onClick={copy}
            >
              {copied ? "Copied" : `Copy ${label.toLowerCase()}`}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/**
 * How to send events: the `@segment/analytics-node` library (any Segment library works, pointed at
 * this host) and a one-line curl. `groupId` is the account's external id in Steward.
 */
export function SourceSnippet({ writeKey }: { writeKey?: string }) {
  const origin = window.location.origin;
  return (
    <Stack gap="xs" data-testid="source-snippet">
      <Text size="sm" c="dimmed">
        Steward speaks Segment's tracking API. Point any Segment library at <Code>{origin}</Code>; a{" "}
        <Code>group</Code> call's group id is the account's external id in Steward.
      </Text>
      <Tabs defaultValue="node" variant="outline">
        <Tabs.List>
          <Tabs.Tab value="node">Node.js</Tabs.Tab>
          <Tabs.Tab value="curl">HTTP (curl)</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="node" pt="xs">
          <CopyBlock code={nodeSnippet(origin, writeKey)} label="Snippet" />
        </Tabs.Panel>
        <Tabs.Panel value="curl" pt="xs">
          <CopyBlock code={curlSnippet(origin, writeKey)} label="Command" />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
