import { SimpleGrid, Skeleton, Stack } from "@mantine/core";

/** A detail page while its record loads: the title, a row of four figures, and the body. */
export function DetailSkeleton({ body = 300 }: { body?: number }) {
  return (
    <Stack>
      <Skeleton h={40} w={320} />
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {[1, 2, 3, 4].map((i) => (
          <Skeleton key={i} h={92} />
        ))}
      </SimpleGrid>
      <Skeleton h={body} />
    </Stack>
  );
}
