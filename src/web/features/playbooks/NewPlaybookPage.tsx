import { notifications } from "@mantine/notifications";
import { Navigate, useNavigate } from "@tanstack/react-router";
import { useSession } from "../../lib/session.ts";
import { PlaybookEditor } from "./PlaybookEditor.tsx";

/** A new playbook (admins; anyone else is taken to the list): saved, its page opens. */
export function NewPlaybookPage() {
  const session = useSession();
  const navigate = useNavigate();
  if (!session.isAdmin) return <Navigate to="/playbooks" replace />;
  return (
    <PlaybookEditor
      onSaved={(p) => {
        notifications.show({ message: `“${p.name}” saved: start it from an account, or from a rule` });
        void navigate({ to: "/playbooks/$id", params: { id: p.id } });
      }}
      onCancel={() => void navigate({ to: "/playbooks" })}
    />
  );
}
