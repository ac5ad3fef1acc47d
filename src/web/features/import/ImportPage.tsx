import { Stepper } from "@mantine/core";
import { useState } from "react";
import type {
  ImportEntity,
  ImportMapping,
  ImportReport,
  RouteResponse,
  routes,
} from "../../../contract/index.ts";
import { useSession } from "../../lib/session.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { PageHeader } from "../../ui/PageHeader.tsx";
import { ChooseFileStep } from "./ChooseFileStep.tsx";
import { MappingStep } from "./MappingStep.tsx";
import { ReportStep } from "./ReportStep.tsx";

export type Preview = RouteResponse<typeof routes.previewImport>;
export type CsvFile = { name: string; text: string; size: number };
export type DryRun = { report: ImportReport; mapping: ImportMapping; saveMappingAs?: string };

export function ImportPage() {
  const session = useSession();
  const [step, setStep] = useState(0);
  const [entity, setEntity] = useState<ImportEntity>("accounts");
  const [file, setFile] = useState<CsvFile | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [dryRun, setDryRun] = useState<DryRun | null>(null);
  const [mappingDraft, setMappingDraft] = useState<ImportMapping | null>(null);

  const restart = () => {
    setStep(0);
    setFile(null);
    setPreview(null);
    setDryRun(null);
    setMappingDraft(null);
  };

  if (!session.canWrite) {
    return (
      <>
        <PageHeader title="Import" />
        <ErrorAlert
          title="Importing needs write access"
          error={
            new Error("Your role is viewer. Ask a workspace admin to make you a member to import CSV files.")
          }
        />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Import from CSV"
        description="Bring in accounts, contacts, subscriptions or usage. Nothing is stored until the dry run is clean: all rows or none."
      />
      {/* Keyed by step so each step is drawn in its final state at once: Mantine otherwise fades a
          newly completed step's check mark in, and until then that step still looks in progress. */}
      <Stepper
        key={step}
        active={step}
        onStepClick={(s) => s < step && setStep(s)}
        allowNextStepsSelect={false}
        size="sm"
        mb="lg"
      >
        <Stepper.Step label="Choose a file" description="What and from where">
          <ChooseFileStep
            entity={entity}
            onEntity={(e) => {
              setEntity(e);
              setPreview(null);
              setMappingDraft(null);
            }}
            file={file}
            onFile={(f) => {
              setFile(f);
              setPreview(null);
              setMappingDraft(null);
            }}
            onPreview={(p) => {
              setPreview(p);
              setStep(1);
            }}
          />
        </Stepper.Step>
        <Stepper.Step label="Map columns" description="CSV columns to fields">
          {preview && file ? (
            <MappingStep
              entity={entity}
              file={file}
              preview={preview}
              draft={mappingDraft}
              onDraft={setMappingDraft}
              onBack={() => setStep(0)}
              onValidated={(d) => {
                setDryRun(d);
                setStep(2);
              }}
            />
          ) : null}
        </Stepper.Step>
        <Stepper.Step label="Validate and import" description="Dry run, then commit">
          {dryRun && file ? (
            <ReportStep
              entity={entity}
              file={file}
              dryRun={dryRun}
              onDryRun={setDryRun}
              onBack={() => setStep(1)}
              onRestart={restart}
            />
          ) : null}
        </Stepper.Step>
      </Stepper>
    </>
  );
}
