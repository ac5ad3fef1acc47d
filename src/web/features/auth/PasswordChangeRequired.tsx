import { Box, Button, Center, Paper, Stack, Text, Title } from "@mantine/core";
import { Logo } from "../../shell/Logo.tsx";
import { ChangePasswordForm } from "./ChangePasswordForm.tsx";

/**
 * What a person signed in with a temporary password sees, and all they can do (the server refuses
 * everything else) until they choose their own.
 */
export function PasswordChangeRequired({ onSignOut }: { onSignOut: () => void }) {
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Box w={420}>
        <Center mb="lg">
          <Logo size={34} />
        </Center>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Stack gap="md">
            <div>
              <Title order={3}>Choose your own password</Title>
              <Text size="sm" c="dimmed">
                An administrator gave you a temporary password. Replace it to continue; the current password
                is the temporary one.
              </Text>
            </div>
            <ChangePasswordForm onDone={() => undefined} />
          </Stack>
        </Paper>
        <Center mt="md">
          <Button variant="subtle" size="xs" onClick={onSignOut}>
            Sign out
          </Button>
        </Center>
      </Box>
    </Center>
  );
}
