import { ActionIcon, Code, CopyButton, Group, Text, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy, IconMailForward } from "@tabler/icons-react";
import { useCaptureAddress } from "./use-capture.ts";

/**
 * Where people log touchpoints: the address to BCC or forward customer email to, with a copy
 * button. Nothing while the server's inbound listener is off (Settings → Email capture says why).
 */
export function CaptureAddressLine({ what = "to log it as a touchpoint" }: { what?: string }) {
  const capture = useCaptureAddress();
  const address = capture.data?.address;
  if (!address) return null;
  return (
    <Group gap={6} data-testid="capture-address-line">
      <IconMailForward size={16} aria-hidden />
      <Text size="xs" c="dimmed">
        BCC or forward customer email to
      </Text>
      <Code style={{ overflowWrap: "anywhere" }} data-testid="capture-address">
        {address}
      </Code>
      <CopyButton value={address}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? "Copied" : "Copy the capture address"}>
            <ActionIcon
              variant="subtle"
              size="sm"
              color={copied ? "green" : undefined}
              aria-label="Copy the capture address"
              onClick={copy}
            >
              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
      <Text size="xs" c="dimmed">
        {what}
      </Text>
    </Group>
  );
}
