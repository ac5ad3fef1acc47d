import { Code, Text } from "@mantine/core";

/** A job's name as code, with what it does beneath. */
export function JobName({ name, description }: { name: string; description: string }) {
  return (
    <div>
      <Code>{name}</Code>
      <Text size="xs" c="dimmed" mt={2}>
        {description}
      </Text>
    </div>
  );
}
