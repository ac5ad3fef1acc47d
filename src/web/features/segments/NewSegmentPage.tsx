import { notifications } from "@mantine/notifications";
import { useNavigate } from "@tanstack/react-router";
import { formatNumber } from "../../lib/format.ts";
import { useSession } from "../../lib/session.ts";
import { recordsWord } from "./labels.ts";
import { SegmentBuilder } from "./SegmentBuilder.tsx";

/** A new segment: built with a live count, then saved and counted at once; its page opens. */
export function NewSegmentPage() {
  const session = useSession();
  const navigate = useNavigate();
  return (
    <SegmentBuilder
      canWrite={session.canWrite}
      onSaved={(s) => {
        notifications.show({
          message: `“${s.name}” saved with ${formatNumber(s.memberCount)} ${recordsWord(s.entity, s.memberCount)}`,
        });
        void navigate({ to: "/segments/$id", params: { id: s.id } });
      }}
      onCancel={() => void navigate({ to: "/segments" })}
    />
  );
}
