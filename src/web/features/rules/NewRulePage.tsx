import { notifications } from "@mantine/notifications";
import { useNavigate } from "@tanstack/react-router";
import { useSession } from "../../lib/session.ts";
import { RuleEditor } from "./RuleEditor.tsx";
import { RulesPage } from "./RulesPage.tsx";

/** A new rule: saved switched off, then its page opens for a dry run and a replay. */
export function NewRulePage() {
  const session = useSession();
  const navigate = useNavigate();
  if (!session.isAdmin) return <RulesPage />;
  return (
    <RuleEditor
      onSaved={(r) => {
        notifications.show({ message: `“${r.name}” saved, switched off: dry-run or replay it next` });
        void navigate({ to: "/rules/$id", params: { id: r.id } });
      }}
      onCancel={() => void navigate({ to: "/rules" })}
    />
  );
}
