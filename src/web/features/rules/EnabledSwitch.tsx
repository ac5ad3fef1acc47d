import { Badge, Switch } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Rule } from "../../../contract/index.ts";
import { errorMessage } from "../../api.ts";
import { useSession } from "../../lib/session.ts";
import { useRuleMutations } from "./use-rules.ts";

/** On or off: a switch for admins, a label for everyone else. */
export function EnabledSwitch({ rule, size = "sm" }: { rule: Rule; size?: "sm" | "md" }) {
  const session = useSession();
  const { update } = useRuleMutations();
  if (!session.isAdmin) {
    return (
      <Badge variant="light" color={rule.enabled ? "teal" : "gray"}>
        {rule.enabled ? "On" : "Off"}
      </Badge>
    );
  }
  return (
    <Switch
      size={size}
      checked={rule.enabled}
      label={rule.enabled ? "On" : "Off"}
      aria-label={`${rule.name} is ${rule.enabled ? "on" : "off"}`}
      disabled={update.isPending}
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => {
        const enabled = e.currentTarget.checked;
        update.mutate(
          { id: rule.id, body: { enabled } },
          {
            onSuccess: (r) => notifications.show({ message: `“${r.name}” is ${r.enabled ? "on" : "off"}` }),
            onError: (err) =>
              notifications.show({
                color: "red",
                message: `The rule was not switched: ${errorMessage(err)}`,
              }),
          },
        );
      }}
    />
  );
}
