import { Center, Loader } from "@mantine/core";

export function PageLoader() {
  return (
    <Center mih={240} aria-label="Loading">
      <Loader size="sm" />
    </Center>
  );
}
