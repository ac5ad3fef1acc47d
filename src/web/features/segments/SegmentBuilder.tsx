import { Grid, Input, SegmentedControl, Skeleton, Stack, Text, Textarea, TextInput } from "@mantine/core";
import type { Segment, SegmentEntity } from "../../../contract/index.ts";
import { EditorHeader } from "../../ui/EditorHeader.tsx";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { FormError } from "../../ui/FormError.tsx";
import { Section } from "../../ui/Section.tsx";
import { FilterGroupEditor } from "./FilterGroupEditor.tsx";
import { LiveCount } from "./LiveCount.tsx";
import { ENTITY_LABELS } from "./labels.ts";
import { useSegmentEditor } from "./use-segment-editor.ts";

/**
 * The segment builder, for a new segment or a saved one: name, description, what it holds
 * (accounts or contacts, fixed once saved), the filter, and the live count beside it.
 */
export function SegmentBuilder({
  segment,
  canWrite,
  onSaved,
  onCancel,
}: {
  segment?: Segment;
  canWrite: boolean;
  onSaved: (s: Segment) => void;
  onCancel: () => void;
}) {
  const { form, ed, fields, preview, missing, save, submit, setEntity } = useSegmentEditor(segment, onSaved);
  const { entity, filter } = form.values;
  const title = segment ? `Edit “${segment.name}”` : "New segment";
  return (
    <form onSubmit={submit} noValidate>
      <EditorHeader
        at={{ list: "/segments", page: "/segments/$id" }}
        listLabel="Segments"
        record={segment}
        title={title}
        description="Build the filter: the live count shows what it matches before you save."
        saveLabel="Save segment"
        saving={save.isPending}
        onCancel={onCancel}
        cannotSave={canWrite ? undefined : "Your role can look but not save segments"}
      />
      <Stack gap="md">
        <FormError error={save.error} errors={form.errors} />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack gap="md">
              <Section title="Segment">
                <Stack gap="sm">
                  <TextInput label="Name" withAsterisk maxLength={120} {...form.getInputProps("name")} />
                  <Textarea
                    label="Description"
                    description="What the segment is for, so others know when to use it"
                    autosize
                    minRows={1}
                    {...form.getInputProps("description")}
                  />
                  <Input.Wrapper
                    label="Segment of"
                    description={
                      segment
                        ? "Fixed once the segment is saved"
                        : "Accounts and contacts test different fields: changing this starts the filter again"
                    }
                  >
                    <div>
                      <SegmentedControl
                        mt={4}
                        aria-label="Segment of"
                        disabled={Boolean(segment)}
                        value={entity}
                        data={(["account", "contact"] as const).map((e) => ({
                          value: e,
                          label: ENTITY_LABELS[e],
                        }))}
                        onChange={(e) => setEntity(e as SegmentEntity)}
                      />
                    </div>
                  </Input.Wrapper>
                </Stack>
              </Section>
              <Section
                title="Filter"
                description={`Which ${entity}s belong: conditions joined by AND (all) or OR (any), in groups up to three deep`}
                testId="segment-filter-section"
              >
                {fields.isError ? (
                  <ErrorAlert
                    error={fields.error}
                    title="The fields a segment can test could not be loaded"
                    onRetry={() => fields.refetch()}
                  />
                ) : !fields.fields ? (
                  <Skeleton h={120} />
                ) : (
                  <FilterGroupEditor group={filter} depth={1} ed={ed} entity={entity} />
                )}
              </Section>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <div style={{ position: "sticky", top: 68 }}>
              <LiveCount
                entity={entity}
                preview={preview}
                unfinishedCount={missing === null ? null : Object.keys(missing).length}
              />
              {!canWrite ? (
                <Text size="xs" c="dimmed" mt="xs">
                  Your role can try filters here; saving a segment needs a member or admin.
                </Text>
              ) : null}
            </div>
          </Grid.Col>
        </Grid>
      </Stack>
    </form>
  );
}
