import { Button, Center, EmptyState, Stack } from "@mantine/core";
import { IconAlertTriangle, IconMapOff } from "@tabler/icons-react";
import { Link, useRouter } from "@tanstack/react-router";
import { errorMessage } from "../api.ts";

export function RouteError({ error }: { error: unknown }) {
  const router = useRouter();
  return (
    <Center mih="60vh" p="xl">
      <EmptyState
        icon={<IconAlertTriangle size={28} />}
        variant="light"
        color="red"
        title="This page could not be shown"
        description={`${errorMessage(error)} Reload the page; if the problem stays, check that Steward's server is running.`}
      >
        <EmptyState.Actions>
          <Button onClick={() => router.invalidate()}>Try again</Button>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}

export function NotFound() {
  return (
    <Center mih="60vh" p="xl">
      <Stack align="center">
        <EmptyState
          icon={<IconMapOff size={28} />}
          withIndicatorBackground
          title="Page not found"
          description="The address does not match any page in Steward. It may have been mistyped or the link is old."
        >
          <EmptyState.Actions>
            <Button component={Link} to="/accounts">
              Go to accounts
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Stack>
    </Center>
  );
}
