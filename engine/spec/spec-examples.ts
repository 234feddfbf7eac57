import type { LoadedSpec } from './spec-loader.ts';
import { parameters } from '../schema/schema-locations.ts';

/** One of the document's own examples, recorded in the spec, with the schema location it exemplifies. */
export interface SpecExample {
  name: string;
  location: string;
  value: unknown;
}

type MediaType = { example?: unknown; examples?: Record<string, { value?: unknown }> };

function examplesOf(media: MediaType | undefined, location: string, fallbackName: string): SpecExample[] {
  if (!media) return [];
  const named = Object.entries(media.examples ?? {}).map(([name, example]) => ({ name, location, value: example.value }));
  return media.example === undefined ? named : [...named, { name: fallbackName, location, value: media.example }];
}

/** Every example of the operation: request body, parameters, response bodies. */
export function specExamples(spec: LoadedSpec): SpecExample[] {
  const body = spec.operation.requestBody as { content?: Record<string, MediaType> } | undefined;
  const found = examplesOf(body?.content?.['application/json'], 'request-body', 'request-body-example');
  for (const parameter of parameters(spec) as (ReturnType<typeof parameters>[number] & MediaType)[]) {
    found.push(...examplesOf(parameter, `parameter:${parameter.name}`, `parameter-${parameter.name}-example`));
  }
  for (const [status, response] of Object.entries(spec.operation.responses ?? {})) {
    const content = (response as { content?: Record<string, MediaType> }).content;
    found.push(...examplesOf(content?.['application/json'], `response:${status}`, `response-${status}-example`));
  }
  return found;
}

/** The requirement ids each example is recorded (through errata) to fail. */
export function expectedExampleFailures(spec: LoadedSpec): Map<string, string[]> {
  const failures = new Map<string, string[]>();
  for (const erratum of spec.errata) {
    if (!erratum.example) continue;
    const ids = new Set([...(failures.get(erratum.example) ?? []), ...(erratum.breaks ?? [])]);
    failures.set(erratum.example, [...ids].sort());
  }
  return failures;
}
