import { Badge, Group, Loader, Stack, Text } from "@mantine/core";
import { useQueries } from "@tanstack/react-query";
import { routes } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { AnchorLink } from "../../ui/links.tsx";
import { Section } from "../../ui/Section.tsx";
import { SOURCE_WORDS } from "./labels.ts";

/**
 * The accounts just moved, read back from the server: each one's owner now and who set it (a
 * move is a hand assignment, which later suggestions leave alone).
 */
export function MovedAccounts({ ids }: { ids: string[] }) {
  const accounts = useQueries({
    queries: ids.map((id) => apiQuery(routes.getAccount, { params: { id } })),
  });
  if (ids.length === 0) return null;
  return (
    <Section title="Moved just now" count={ids.length} testId="book-moved">
      <Stack gap={6}>
        {accounts.map((q, i) =>
          q.data ? (
            <Group key={q.data.id} gap="xs" data-testid="moved-account">
              <AnchorLink to="/accounts/$id" params={{ id: q.data.id }} size="sm" fw={500}>
                {q.data.name}
              </AnchorLink>
              <Text size="sm">now with {q.data.ownerName ?? "nobody"}</Text>
              {q.data.ownerSource ? (
                <Badge variant="light" color="gray" tt="none">
                  {SOURCE_WORDS.owner[q.data.ownerSource]}
                </Badge>
              ) : null}
            </Group>
          ) : q.isError ? (
            <Text key={ids[i]} size="sm" c="red.7">
              One moved account could not be read back; open the accounts list to see it.
            </Text>
          ) : (
            <Loader key={ids[i]} size="xs" />
          ),
        )}
      </Stack>
    </Section>
  );
}
