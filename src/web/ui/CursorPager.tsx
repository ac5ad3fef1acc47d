import { Button, Group, Select, Text } from "@mantine/core";
import { IconChevronLeft, IconChevronRight } from "@tabler/icons-react";

/**
 * Remembers which cursor led to which page, so "Previous" works after navigating away and back.
 * Keyed by the cursor of the page shown; `null` is the first page.
 */
const previousOf = new Map<string, string | null>();
const STORAGE_KEY = "steward.cursors";
try {
  const saved = sessionStorage.getItem(STORAGE_KEY);
  if (saved) for (const [k, v] of JSON.parse(saved) as [string, string | null][]) previousOf.set(k, v);
} catch {
  // no storage: history still works within this page load
}
const remember = (page: string, prev: string | null) => {
  previousOf.set(page, prev);
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify([...previousOf].slice(-200)));
  } catch {
    // ignore: storage full or unavailable
  }
};

export const PAGE_SIZES = [25, 50, 100, 200];

export function CursorPager({
  cursor,
  nextCursor,
  onCursor,
  limit,
  onLimit,
  shown,
  pageNumberHint,
}: {
  cursor: string | undefined;
  nextCursor: string | null | undefined;
  onCursor: (cursor: string | undefined) => void;
  limit: number;
  onLimit: (limit: number) => void;
  shown: number;
  pageNumberHint?: string;
}) {
  const hasPrevious = Boolean(cursor);
  return (
    <Group justify="space-between" px="md" py="xs" gap="sm">
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          Rows per page
        </Text>
        <Select
          aria-label="Rows per page"
          size="xs"
          w={80}
          data={PAGE_SIZES.map(String)}
          value={String(limit)}
          allowDeselect={false}
          onChange={(v) => v && onLimit(Number(v))}
        />
        <Text size="sm" c="dimmed">
          {shown === 0 ? "" : `${shown} shown`}
          {pageNumberHint ? ` · ${pageNumberHint}` : ""}
        </Text>
      </Group>
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconChevronLeft size={14} />}
          disabled={!hasPrevious}
          onClick={() => {
            const prev = cursor ? previousOf.get(cursor) : null;
            onCursor(prev ?? undefined);
          }}
        >
          Previous
        </Button>
        <Button
          size="xs"
          variant="default"
          rightSection={<IconChevronRight size={14} />}
          disabled={!nextCursor}
          onClick={() => {
            if (!nextCursor) return;
            remember(nextCursor, cursor ?? null);
            onCursor(nextCursor);
          }}
        >
          Next
        </Button>
      </Group>
    </Group>
  );
}
