import { Box } from "@mantine/core";
import { type ReactNode, Suspense } from "react";
import { Section } from "./Section.tsx";

/**
 * A titled card holding a chart whose code loads on demand (ECharts is large): the chart's place
 * is kept at its height while it loads.
 */
export function ChartSection({
  title,
  description,
  testId,
  height,
  children,
}: {
  title: string;
  description?: string;
  testId?: string;
  height: number;
  children: ReactNode;
}) {
  return (
    <Section title={title} description={description} testId={testId}>
      <Suspense fallback={<Box h={height} />}>{children}</Suspense>
    </Section>
  );
}
