import { Accordion, Stack, Text } from "@mantine/core";
import type { CharterVersion } from "../../../contract/index.ts";
import { Section } from "../../ui/Section.tsx";
import { approvalLine, CharterText } from "./CharterText.tsx";

/** Every approved version, newest first; each opens to what it said and why it changed. */
export function CharterHistory({ history }: { history: CharterVersion[] }) {
  return (
    <Section
      title="History"
      count={history.length}
      description="Every approved version, newest first"
      padding={0}
    >
      <Accordion variant="default" chevronPosition="left">
        {history.map((v, i) => (
          <Accordion.Item key={v.id} value={v.id}>
            <Accordion.Control>
              <Text size="sm" fw={500}>
                {approvalLine(v)}
                {i === 0 ? " · current" : ""}
              </Text>
              {v.changeNote ? (
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {v.changeNote}
                </Text>
              ) : null}
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="md">
                {v.changeNote ? (
                  <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
                    What changed: {v.changeNote}
                  </Text>
                ) : null}
                <CharterText version={v} />
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Section>
  );
}
