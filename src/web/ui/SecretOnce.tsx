import { Button, Code, CopyButton, Group } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";

/** A secret shown once (an API key, a write key) with a button that copies it. */
export function SecretOnce({
  value,
  testId,
  copyLabel = "Copy",
}: {
  value: string | undefined;
  testId: string;
  copyLabel?: string;
}) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Code
        block
        style={{ flex: 1, fontSize: 14, overflowWrap: "anywhere", whiteSpace: "pre-wrap" }}
        data-testid={testId}
      >
        {value}
      </Code>
      <CopyButton value={value ?? ""}>
        {({ copied, copy }) => (
          <Button
            variant={copied ? "light" : "filled"}
            color={copied ? "green" : undefined}
            leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            onClick={copy}
          >
            {copied ? "Copied" : copyLabel}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
