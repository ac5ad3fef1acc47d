import { Box, Loader, Menu, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCheck } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { routes, type SessionInfo } from "../../contract/index.ts";
import { api, errorMessage, isApiError, setCsrfToken } from "../api.ts";
import { ROLE_LABELS } from "../lib/labels.ts";
import { SESSION_KEY } from "../lib/session.ts";

/**
 * Moves the person to another of their workspaces. The server ends the old session and starts a
 * new one (new cookie, new CSRF token); everything cached belongs to the old workspace.
 * `switchingTo` is the slug asked for while the server answers; `reloading` is true from its answer
 * until the new workspace's session is in place, while the page content should not be shown.
 */
export function useSwitchWorkspace(current: SessionInfo, onSignedOut: () => Promise<void>) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [switchingTo, setSwitchingTo] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);

  const switchTo = async (slug: string): Promise<boolean> => {
    if (slug === current.workspace.slug || switchingTo) return false;
    setSwitchingTo(slug);
    let next: SessionInfo;
    try {
      next = await api(routes.switchWorkspace, { body: { workspace: slug } });
    } catch (e) {
      setSwitchingTo(null);
      if (isApiError(e) && e.status === 401) {
        await onSignedOut();
        return false;
      }
      notifications.show({ color: "red", title: "Could not switch workspace", message: errorMessage(e) });
      // The list may be out of date (e.g. the person was removed from that workspace).
      void qc.invalidateQueries({ queryKey: SESSION_KEY });
      return false;
    }
    setCsrfToken(next.csrfToken);
    // The old workspace's page goes away (it would ask the new workspace for its records)…
    setReloading(true);
    // …and so does every answer of the old workspace, pending ones included. The session entry is
    // kept and replaced below, so the components reading it update in place.
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    qc.getMutationCache().clear();
    try {
      await navigate({ to: "/inbox" });
    } finally {
      // One render shows the landing page (the inbox) with the new session: it mounts once and loads once.
      qc.setQueryData(SESSION_KEY, next);
      setReloading(false);
      setSwitchingTo(null);
    }
    notifications.show({ message: `Switched to ${next.workspace.name}` });
    return true;
  };

  return { switchTo, switchingTo, reloading };
}

/**
 * The user menu's list of workspaces, the current one checked. Renders nothing for someone who
 * belongs to only one workspace.
 */
export function WorkspaceSwitcher({
  session,
  switchingTo,
  onSwitch,
}: {
  session: SessionInfo;
  switchingTo: string | null;
  onSwitch: (slug: string) => void;
}) {
  if (session.workspaces.length < 2) return null;

  return (
    <>
      <Menu.Divider />
      <Menu.Label>Switch workspace</Menu.Label>
      {/* Scrolls for someone in many workspaces. */}
      <Box mah={264} style={{ overflowY: "auto", overflowX: "hidden" }}>
        <Menu.RadioGroup value={session.workspace.slug} onChange={onSwitch}>
          {session.workspaces.map((w) => (
            <Menu.RadioItem
              key={w.slug}
              value={w.slug}
              checkIcon={<IconCheck size={14} stroke={2.2} />}
              // A long name is cut short, never the role next to it.
              styles={{ itemLabel: { minWidth: 0 }, itemSection: { flexShrink: 0 } }}
              disabled={switchingTo !== null && switchingTo !== w.slug}
              rightSection={
                switchingTo === w.slug ? (
                  <Loader size={14} aria-label={`Switching to ${w.name}`} />
                ) : (
                  <Text size="xs" c="dimmed">
                    {ROLE_LABELS[w.role]}
                  </Text>
                )
              }
            >
              <Text
                size="sm"
                truncate
                title={w.name}
                fw={w.slug === session.workspace.slug ? 600 : undefined}
              >
                {w.name}
              </Text>
            </Menu.RadioItem>
          ))}
        </Menu.RadioGroup>
      </Box>
    </>
  );
}
