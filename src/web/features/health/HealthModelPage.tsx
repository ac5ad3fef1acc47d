import {
  Badge,
  Breadcrumbs,
  Button,
  Grid,
  Group,
  NumberInput,
  Skeleton,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconDeviceFloppy, IconRocket, IconTrashX } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type HealthModel, routes } from "../../../contract/index.ts";
import { apiQuery } from "../../lib/query.ts";
import { useSession } from "../../lib/session.ts";
import { ConfirmDialog } from "../../ui/ConfirmDialog.tsx";
import { FormError } from "../../ui/FormError.tsx";
import { AnchorLink } from "../../ui/links.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { RecordLoadError } from "../../ui/RecordLoadError.tsx";
import { Section } from "../../ui/Section.tsx";
import { AppliesToEditor } from "./AppliesToEditor.tsx";
import { Backtests } from "./Backtests.tsx";
import { GroupsEditor } from "./ModelEditor.tsx";
import { ModelPreview } from "./ModelPreview.tsx";
import { ModelVersions } from "./ModelVersions.tsx";
import { type ModelEditorState, useModelEditor } from "./useModelEditor.ts";

const route = getRouteApi("/_app/health/$id");

function Actions({ ed, model }: { ed: ModelEditorState; model: HealthModel }) {
  const [publishing, confirmPublish] = useDisclosure(false);
  const [discarding, confirmDiscard] = useDisclosure(false);
  return (
    <>
      <Switch
        label="Archived"
        checked={model.archived}
        disabled={ed.archive.isPending}
        onChange={(e) => ed.archive.mutate(e.currentTarget.checked)}
      />
      {model.draft ? (
        <Button
          variant="subtle"
          color="red"
          leftSection={<IconTrashX size={16} />}
          onClick={confirmDiscard.open}
        >
          Discard draft
        </Button>
      ) : null}
      <Button
        variant="default"
        leftSection={<IconDeviceFloppy size={16} />}
        disabled={!ed.dirty}
        loading={ed.save.isPending}
        onClick={() => ed.save.mutate(ed.form.getValues())}
      >
        Save draft
      </Button>
      <Button
        leftSection={<IconRocket size={16} />}
        disabled={!model.draft || ed.dirty}
        title={ed.dirty ? "Save the draft first" : !model.draft ? "Nothing to publish: no draft" : undefined}
        onClick={() => {
          ed.publish.reset();
          confirmPublish.open();
        }}
      >
        Publish
      </Button>
      <ConfirmDialog
        opened={publishing}
        onClose={confirmPublish.close}
        title={`Publish draft v${model.draft?.version ?? ""}?`}
        message={`It replaces v${model.published?.version ?? "—"} and every account it applies to is rescored now. The previous version is kept in the history.`}
        confirmLabel="Publish"
        color="teal"
        onConfirm={() => ed.publish.mutate(undefined, { onSuccess: confirmPublish.close })}
        loading={ed.publish.isPending}
        error={ed.publish.error}
      />
      <ConfirmDialog
        opened={discarding}
        onClose={confirmDiscard.close}
        title="Discard the draft?"
        message="Your unpublished changes are thrown away; the published version stays as it is."
        confirmLabel="Discard draft"
        onConfirm={() => ed.discard.mutate(undefined, { onSuccess: confirmDiscard.close })}
        loading={ed.discard.isPending}
        error={ed.discard.error}
      />
    </>
  );
}

function ModelEditorView({
  model,
  isAdmin,
  canWrite,
}: {
  model: HealthModel;
  isAdmin: boolean;
  canWrite: boolean;
}) {
  const ed = useModelEditor(model);
  const readOnly = !isAdmin;
  const { form } = ed;
  const def = form.values.definition;
  return (
    <>
      <PageHeader
        above={
          <Breadcrumbs separator="›">
            <AnchorLink to="/health" size="sm" c="dimmed">
              Health models
            </AnchorLink>
            <Text size="sm" c="dimmed">
              {model.name}
            </Text>
          </Breadcrumbs>
        }
        title={model.name}
        badges={
          <Group gap={6}>
            {model.published ? (
              <Badge variant="light" color="teal">
                Published v{model.published.version}
              </Badge>
            ) : (
              <Badge variant="outline" color="gray">
                Not published
              </Badge>
            )}
            {model.draft ? (
              <Badge variant="light" color="orange" data-testid="draft-badge">
                Draft v{model.draft.version}
              </Badge>
            ) : null}
            {ed.dirty ? (
              <Badge variant="outline" color="orange">
                Unsaved changes
              </Badge>
            ) : null}
          </Group>
        }
        description={`Scores ${model.accounts} account${model.accounts === 1 ? "" : "s"} today`}
        actions={isAdmin ? <Actions ed={ed} model={model} /> : null}
      />
      <Stack gap="md">
        <FormError error={ed.save.error} errors={form.errors} />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, xl: 8 }}>
            <Stack gap="md">
              <Section
                title="Model"
                description={readOnly ? "Only workspace admins can change models" : undefined}
              >
                <Group align="flex-start" gap="sm" grow>
                  <TextInput label="Name" readOnly={readOnly} {...form.getInputProps("name")} />
                  <NumberInput
                    label="Priority"
                    description="Lowest number wins when several apply"
                    readOnly={readOnly}
                    min={0}
                    max={1000}
                    {...form.getInputProps("priority")}
                    onChange={(v) => form.setFieldValue("priority", typeof v === "number" ? v : 0)}
                  />
                </Group>
                <Textarea
                  mt="sm"
                  label="Description"
                  autosize
                  minRows={1}
                  readOnly={readOnly}
                  {...form.getInputProps("description")}
                />
              </Section>
              {def ? (
                <>
                  <Section title="Applies to and bands">
                    <AppliesToEditor
                      def={def}
                      onChange={ed.setDefinition}
                      errors={ed.definitionErrors}
                      readOnly={readOnly}
                    />
                  </Section>
                  <Section
                    title="Groups and measures"
                    description="Weights are relative: within a group, and between groups"
                  >
                    <GroupsEditor
                      def={def}
                      onChange={ed.setDefinition}
                      errors={ed.definitionErrors}
                      readOnly={readOnly}
                    />
                  </Section>
                </>
              ) : null}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, xl: 4 }}>
            <Stack gap="md">
              {def ? <ModelPreview definition={def} onErrors={ed.showErrors} /> : null}
              <ModelVersions modelId={model.id} />
            </Stack>
          </Grid.Col>
        </Grid>
        <Backtests model={model} canWrite={canWrite} />
      </Stack>
    </>
  );
}

/** One health model: its editor (admins), a preview on sample accounts, versions and backtests. */
export function HealthModelPage() {
  const { id } = route.useParams();
  const session = useSession();
  const q = useQuery(apiQuery(routes.getHealthModel, { params: { id } }));
  if (q.isError)
    return (
      <RecordLoadError
        list="/health"
        listLabel="Health models"
        error={q.error}
        title="This health model could not be loaded"
        onRetry={() => q.refetch()}
      />
    );
  if (!q.data) return <Skeleton h={400} />;
  return (
    <ModelEditorView key={q.data.id} model={q.data} isAdmin={session.isAdmin} canWrite={session.canWrite} />
  );
}
