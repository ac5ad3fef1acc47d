import {
  Alert,
  Box,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertCircle } from "@tabler/icons-react";
import { getRouteApi, useRouter } from "@tanstack/react-router";
import type { DemoStatus as DemoStatusValue } from "../../../contract/index.ts";
import { type ApiError, isApiError } from "../../api.ts";
import { Logo } from "../../shell/Logo.tsx";
import { DemoStatus, demoProgressText } from "./DemoStatus.tsx";
import { useLogin } from "./use-login.ts";
import { useSetupStatus } from "./use-setup-status.ts";

const route = getRouteApi("/login");

/**
 * Only same-site paths, so a crafted link cannot send someone elsewhere after signing in; without
 * one, the inbox, where a CSM starts the day.
 */
const safeNext = (next: string | undefined): string =>
  next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : "/inbox";

const loginMessage = (e: ApiError, demo: DemoStatusValue | undefined): string => {
  // The demo's people get their workspace in the load's last step: until then they cannot sign in.
  if (e.code === "INVALID_CREDENTIALS" && demo?.state === "loading") {
    return `The demo workspace is still loading (${demoProgressText(demo)}): its sign-in works once it is ready. Other accounts: check the email and password.`;
  }
  if (e.code === "INVALID_CREDENTIALS")
    return "The email or password is not right. Check both and try again.";
  if (e.code === "RATE_LIMITED") {
    return `${e.message || "Too many sign-in attempts."} Wait a minute before trying again.`;
  }
  if (e.code === "VALIDATION_FAILED") return "Enter your email and password.";
  return e.message;
};

export function LoginPage() {
  const { next } = route.useSearch();
  const router = useRouter();
  const form = useForm({ mode: "controlled", initialValues: { email: "", password: "" } });
  const login = useLogin();
  const setup = useSetupStatus();
  const demo = setup.data?.demo;
  const { email, password } = form.values;

  const onSubmit = form.onSubmit((v) => {
    if (!v.email.trim() || !v.password) return;
    login.mutate(
      { email: v.email.trim(), password: v.password },
      { onSuccess: () => router.history.push(safeNext(next)) },
    );
  });

  const err = login.error;
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Box w={380}>
        <Center mb="lg">
          <Logo size={34} />
        </Center>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="md">
              <div>
                <Title order={3}>Sign in</Title>
                <Text size="sm" c="dimmed">
                  to your customer success workspace
                </Text>
              </div>
              <DemoStatus status={demo} />
              {next && !err ? (
                <Text size="sm" c="dimmed">
                  Sign in to continue to the page you opened.
                </Text>
              ) : null}
              {err ? (
                <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
                  {isApiError(err)
                    ? loginMessage(err, demo)
                    : "Steward's server could not be reached. Check that it is running and try again."}
                </Alert>
              ) : null}
              <TextInput
                label="Email"
                type="email"
                autoComplete="username"
                required
                data-autofocus
                autoFocus
                {...form.getInputProps("email")}
                error={
                  login.isError && isApiError(err) && err.code === "INVALID_CREDENTIALS" ? true : undefined
                }
              />
              <PasswordInput
                label="Password"
                autoComplete="current-password"
                required
                {...form.getInputProps("password")}
                error={
                  login.isError && isApiError(err) && err.code === "INVALID_CREDENTIALS" ? true : undefined
                }
              />
              <Button type="submit" loading={login.isPending} disabled={!email.trim() || !password} fullWidth>
                Sign in
              </Button>
            </Stack>
          </form>
        </Paper>
        <Text size="xs" c="dimmed" ta="center" mt="md">
          Steward · open-source customer success
        </Text>
      </Box>
    </Center>
  );
}
