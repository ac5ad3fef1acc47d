import {
  AppShell,
  Avatar,
  Badge,
  Box,
  Burger,
  Group,
  Kbd,
  Menu,
  NavLink,
  Stack,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { useDisclosure, useHotkeys } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import {
  IconActivity,
  IconAddressBook,
  IconBolt,
  IconBriefcase,
  IconBuildingSkyscraper,
  IconCalendarRepeat,
  IconChartBar,
  IconChevronDown,
  IconFileImport,
  IconFilter,
  IconFlag,
  IconHeartbeat,
  IconInbox,
  IconKey,
  IconListCheck,
  IconLogout,
  IconMessageQuestion,
  IconRoute,
  IconSearch,
  IconSettings,
  IconShieldExclamation,
  IconSpeakerphone,
} from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { Suspense, useState } from "react";
import { routes } from "../../contract/index.ts";
import { api, errorMessage, setCsrfToken } from "../api.ts";
import { ChangePasswordModal } from "../features/auth/ChangePasswordModal.tsx";
import { PasswordChangeRequired } from "../features/auth/PasswordChangeRequired.tsx";
import { PendingInvitations } from "../features/auth/PendingInvitations.tsx";
import { taskCountsQuery } from "../features/inbox/use-task-mutations.ts";
import { ROLE_LABELS } from "../lib/labels.ts";
import { SESSION_KEY, useSession } from "../lib/session.ts";
import { PageLoader } from "../ui/PageLoader.tsx";
import { Logo } from "./Logo.tsx";
import { SearchModal } from "./SearchModal.tsx";
import { useSwitchWorkspace, WorkspaceSwitcher } from "./WorkspaceSwitcher.tsx";

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase())
    .join("");

export function AppLayout() {
  const session = useSession();
  const [navOpen, nav] = useDisclosure(false);
  const [searchOpen, search] = useDisclosure(false);
  const [passwordOpen, passwordModal] = useDisclosure(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const navigate = useNavigate();
  const qc = useQueryClient();

  useHotkeys([["mod+K", () => search.open()]], []);
  // The badge on Inbox: the caller's own open items, read again now and then while the app is open.
  const counts = useQuery({ ...taskCountsQuery, refetchInterval: 120_000 });
  const mine = counts.data?.mine ?? 0;

  const items = [
    { to: "/inbox", label: "Inbox", icon: IconInbox, show: true },
    { to: "/accounts", label: "Accounts", icon: IconBuildingSkyscraper, show: true },
    { to: "/contacts", label: "Contacts", icon: IconAddressBook, show: true },
    { to: "/book", label: "Book of business", icon: IconBriefcase, show: true },
    { to: "/segments", label: "Segments", icon: IconFilter, show: true },
    { to: "/rules", label: "Rules", icon: IconBolt, show: true },
    { to: "/playbooks", label: "Playbooks", icon: IconListCheck, show: true },
    { to: "/usage", label: "Usage", icon: IconActivity, show: true },
    { to: "/health", label: "Health", icon: IconHeartbeat, show: true },
    { to: "/risk", label: "Risk", icon: IconShieldExclamation, show: true },
    { to: "/revenue", label: "Revenue", icon: IconChartBar, show: true },
    { to: "/advocacy", label: "Advocacy", icon: IconSpeakerphone, show: true },
    { to: "/renewals", label: "Renewals", icon: IconCalendarRepeat, show: true },
    { to: "/journey", label: "Journey", icon: IconRoute, show: true },
    { to: "/surveys", label: "Surveys", icon: IconMessageQuestion, show: true },
    { to: "/charter", label: "Charter", icon: IconFlag, show: true },
    { to: "/import", label: "Import", icon: IconFileImport, show: session.canWrite },
    { to: "/settings", label: "Settings", icon: IconSettings, show: true },
  ] as const;

  const signedOut = async () => {
    setCsrfToken(null);
    qc.clear();
    qc.setQueryData(SESSION_KEY, null);
    await navigate({ to: "/login", search: {} });
  };

  const signOut = async () => {
    try {
      await api(routes.logout);
    } catch (e) {
      notifications.show({ color: "red", title: "Sign out failed", message: errorMessage(e) });
      return;
    }
    await signedOut();
  };

  const workspaces = useSwitchWorkspace(session, signedOut);
  const switchWorkspace = async (slug: string) => {
    await workspaces.switchTo(slug);
    setMenuOpen(false);
  };

  if (session.mustChangePassword) return <PasswordChangeRequired onSignOut={() => void signOut()} />;

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 216, breakpoint: "sm", collapsed: { mobile: !navOpen } }}
      padding="lg"
    >
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Link to="/inbox" style={{ textDecoration: "none", color: "inherit" }} aria-label="Steward home">
              <Logo />
            </Link>
          </Group>
          <UnstyledButton
            onClick={search.open}
            aria-label="Search accounts and contacts"
            px="sm"
            py={6}
            style={{
              border: "1px solid var(--mantine-color-default-border)",
              borderRadius: "var(--mantine-radius-sm)",
              width: "min(420px, 40vw)",
              background: "var(--mantine-color-body)",
            }}
          >
            <Group gap="xs" wrap="nowrap" justify="space-between">
              <Group gap="xs" wrap="nowrap">
                <IconSearch size={16} color="var(--mantine-color-dimmed)" />
                <Text size="sm" c="dimmed" truncate>
                  Search accounts and contacts
                </Text>
              </Group>
              <Group gap={2} visibleFrom="md" wrap="nowrap">
                <Kbd size="xs">{navigator.platform.includes("Mac") ? "⌘" : "Ctrl"}</Kbd>
                <Kbd size="xs">K</Kbd>
              </Group>
            </Group>
          </UnstyledButton>
          <Menu position="bottom-end" width={300} shadow="md" opened={menuOpen} onChange={setMenuOpen}>
            <Menu.Target>
              <UnstyledButton aria-label="User menu" data-testid="user-menu">
                <Group gap={8} wrap="nowrap">
                  <Avatar size={30} radius="xl" color="steward">
                    {initials(session.user.name)}
                  </Avatar>
                  <Box visibleFrom="sm" style={{ lineHeight: 1.1 }}>
                    <Text size="sm" fw={500}>
                      {session.user.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {session.workspace.name}
                    </Text>
                  </Box>
                  <IconChevronDown size={14} />
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Box px="sm" py="xs">
                <Text size="sm" fw={600}>
                  {session.user.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {session.user.email}
                </Text>
                <Group gap={6} mt={8}>
                  <Text size="xs">{session.workspace.name}</Text>
                  <Badge size="xs" variant="light">
                    {ROLE_LABELS[session.role]}
                  </Badge>
                </Group>
              </Box>
              <WorkspaceSwitcher
                session={session}
                switchingTo={workspaces.switchingTo}
                onSwitch={(slug) => void switchWorkspace(slug)}
              />
              <Menu.Divider />
              <Menu.Item leftSection={<IconKey size={16} />} onClick={passwordModal.open}>
                Change password
              </Menu.Item>
              <Menu.Item leftSection={<IconLogout size={16} />} onClick={signOut}>
                Sign out
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs">
        <Stack gap={2}>
          {items
            .filter((i) => i.show)
            .map((i) => (
              <NavLink
                key={i.to}
                component={Link}
                to={i.to}
                label={i.label}
                rightSection={
                  i.to === "/inbox" && mine > 0 ? (
                    <Badge size="sm" variant="filled" circle={mine < 10} aria-label={`${mine} open`}>
                      {mine}
                    </Badge>
                  ) : undefined
                }
                className="steward-nav-link"
                leftSection={<i.icon size={18} stroke={1.6} />}
                active={
                  pathname === i.to ||
                  pathname.startsWith(`${i.to}/`) ||
                  // A success plan belongs to its account.
                  (i.to === "/accounts" && pathname.startsWith("/plans/"))
                }
                onClick={nav.close}
                style={{ borderRadius: "var(--mantine-radius-sm)" }}
              />
            ))}
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main>
        {/* Keyed by workspace: after a switch every page starts over with the new workspace's data. */}
        <Box maw={1440} mx="auto" key={session.workspace.id}>
          {workspaces.reloading ? (
            <PageLoader />
          ) : (
            <Suspense fallback={<PageLoader />}>
              <PendingInvitations />
              <Outlet />
            </Suspense>
          )}
        </Box>
      </AppShell.Main>

      <SearchModal key={session.workspace.id} opened={searchOpen} onClose={search.close} />
      <ChangePasswordModal opened={passwordOpen} onClose={passwordModal.close} />
    </AppShell>
  );
}
