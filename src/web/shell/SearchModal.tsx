import {
  Badge,
  Box,
  Center,
  Group,
  Kbd,
  Loader,
  Modal,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconAddressBook, IconBuildingSkyscraper, IconSearch } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type KeyboardEvent, useEffect, useMemo, useState } from "react";
import { routes } from "../../contract/index.ts";
import { errorMessage } from "../api.ts";
import { apiQuery } from "../lib/query.ts";

type Hit = {
  kind: "account" | "contact";
  id: string;
  title: string;
  subtitle: string | null;
  tier: string | null;
};

/** ⌘K / Ctrl-K: find an account or contact by name, email or external id and jump to it. */
export function SearchModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q.trim(), 150);
  const [selected, setSelected] = useState(0);
  const navigate = useNavigate();

  const result = useQuery({
    ...apiQuery(routes.search, { query: { q: debounced, limit: 8 } }),
    enabled: opened && debounced.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

  const hits = useMemo<Hit[]>(() => {
    if (!debounced || !result.data) return [];
    return [
      ...result.data.accounts.map((a) => ({
        kind: "account" as const,
        id: a.id,
        title: a.name,
        subtitle: null,
        tier: a.tier,
      })),
      ...result.data.contacts.map((c) => ({
        kind: "contact" as const,
        id: c.id,
        title: c.name,
        subtitle: [c.email, c.accountName].filter(Boolean).join(" · "),
        tier: null,
      })),
    ];
  }, [debounced, result.data]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: new results select the first hit again
  useEffect(() => setSelected(0), [hits]);
  useEffect(() => {
    if (!opened) setQ("");
  }, [opened]);

  const go = (h: Hit) => {
    onClose();
    if (h.kind === "account") void navigate({ to: "/accounts/$id", params: { id: h.id } });
    else void navigate({ to: "/contacts/$id", params: { id: h.id } });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setSelected((s) => Math.min(s + 1, hits.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setSelected((s) => Math.max(s - 1, 0));
    } else if (e.key === "Enter") {
      const h = hits[selected];
      if (h) {
        e.preventDefault();
        go(h);
      }
    }
  };

  const accounts = hits.filter((h) => h.kind === "account");
  const contacts = hits.filter((h) => h.kind === "contact");

  const renderGroup = (label: string, list: Hit[], offset: number) =>
    list.length === 0 ? null : (
      <Box>
        <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="xs" pb={4}>
          {label}
        </Text>
        {list.map((h, i) => {
          const index = offset + i;
          const Icon = h.kind === "account" ? IconBuildingSkyscraper : IconAddressBook;
          return (
            <UnstyledButton
              key={`${h.kind}-${h.id}`}
              className="steward-search-item"
              data-selected={index === selected}
              role="option"
              aria-selected={index === selected}
              onMouseEnter={() => setSelected(index)}
              onClick={() => go(h)}
              px="sm"
              py={8}
              w="100%"
              style={{ borderRadius: "var(--mantine-radius-sm)" }}
            >
              <Group gap="sm" wrap="nowrap">
                <Icon size={18} stroke={1.6} color="var(--mantine-color-dimmed)" />
                <Box style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} truncate>
                    {h.title}
                  </Text>
                  {h.subtitle ? (
                    <Text size="xs" c="dimmed" truncate>
                      {h.subtitle}
                    </Text>
                  ) : null}
                </Box>
                {h.tier ? (
                  <Badge size="xs" variant="outline" ml="auto">
                    {h.tier}
                  </Badge>
                ) : null}
              </Group>
            </UnstyledButton>
          );
        })}
      </Box>
    );

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      withCloseButton={false}
      size="lg"
      yOffset="10vh"
      centered={false}
      padding={0}
      title={null}
      aria-label="Search"
      transitionProps={{ duration: 80 }}
    >
      <TextInput
        data-autofocus
        size="md"
        variant="unstyled"
        px="md"
        py={4}
        placeholder="Search accounts and contacts by name, email or external id"
        leftSection={<IconSearch size={18} />}
        rightSection={result.isFetching ? <Loader size="xs" /> : null}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        aria-label="Search"
        style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
      />
      <Stack gap={0} p="xs" mih={120} mah="60vh" style={{ overflowY: "auto" }} role="listbox">
        {!debounced ? (
          <Center mih={100}>
            <Text size="sm" c="dimmed">
              Type a name, email or external id. <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> to move,{" "}
              <Kbd size="xs">Enter</Kbd> to open.
            </Text>
          </Center>
        ) : result.isError ? (
          <Center mih={100}>
            <Text size="sm" c="red">
              Search failed: {errorMessage(result.error)}
            </Text>
          </Center>
        ) : hits.length === 0 && !result.isFetching && result.data ? (
          <Center mih={100}>
            <Text size="sm" c="dimmed">
              Nothing matches “{debounced}”. Try part of a name or an email address.
            </Text>
          </Center>
        ) : (
          <>
            {renderGroup("Accounts", accounts, 0)}
            {renderGroup("Contacts", contacts, accounts.length)}
          </>
        )}
      </Stack>
    </Modal>
  );
}
