import { Button } from "@mantine/core";

/** The next page of a list read page after page (`useApiPages`), while there is one. */
export function ShowMore({
  list,
}: {
  list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
}) {
  if (!list.hasNextPage) return null;
  return (
    <Button variant="subtle" size="xs" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
      Show more
    </Button>
  );
}
