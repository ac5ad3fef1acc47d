import { Badge, Button, Group, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import type { ReactNode } from "react";
import type { Account, SettingSource } from "../../../contract/index.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { SOURCE_HINTS, SOURCE_WORDS } from "../coverage/labels.ts";
import { usePatchAccount } from "./use-account-mutations.ts";

/** "Set by hand" / "Set by a rule" beside a value, with why it matters on hover. */
export function SourceBadge({
  kind,
  source,
}: {
  kind: keyof typeof SOURCE_WORDS;
  source: SettingSource | null;
}) {
  if (!source) return null;
  return (
    <Tooltip label={SOURCE_HINTS[source]} multiline w={260}>
      <Badge variant="outline" color={source === "hand" ? "grape" : "gray"} size="sm" tt="none">
        {SOURCE_WORDS[kind][source]}
      </Badge>
    </Tooltip>
  );
}

const WHAT = { tier: "tier", coverage: "coverage" } as const;

/**
 * A value with its source and, when a person set it and the viewer may write, a way to give it
 * back to the rules: emptying it, which the API reads as handing it back.
 */
export function GovernedValue({
  account,
  field,
  children,
  canWrite,
}: {
  account: Account;
  field: "tier" | "coverage";
  children: ReactNode;
  canWrite: boolean;
}) {
  const [opened, dialog] = useDisclosure(false);
  const patch = usePatchAccount(account);
  const source = field === "tier" ? account.tierSource : account.coverageSource;
  const what = WHAT[field];
  return (
    <Group gap={6} wrap="wrap" data-testid={`account-${field}`}>
      <span>{children}</span>
      <SourceBadge kind={field} source={source} />
      {canWrite && source === "hand" && account[field] !== null ? (
        <Button
          variant="subtle"
          size="compact-xs"
          onClick={() => {
            patch.reset();
            dialog.open();
          }}
        >
          Give back to the rules
        </Button>
      ) : null}
      <ConfirmDialog
        opened={opened}
        onClose={dialog.close}
        title={`Give the ${what} back to the rules?`}
        color="blue"
        message={`This empties the ${what}, which hands it back to the tiering rules: they set it the next time they run (tonight, if they run every night, or when an admin applies them now). Until then the account has no ${what}.`}
        confirmLabel={`Empty the ${what}`}
        loading={patch.isPending}
        error={patch.error}
        onConfirm={() =>
          patch.mutate(field === "tier" ? { tier: null } : { coverage: null }, {
            onSuccess: () => {
              dialog.close();
              notifications.show({ message: `The ${what} is back with the rules` });
            },
          })
        }
      />
    </Group>
  );
}
