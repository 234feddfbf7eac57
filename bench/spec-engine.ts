// Benchmark of the spec engine the whole suite sits on: loading the five specs, naming schema
// failures by requirement, and evaluating rules. Run: npm run bench. Figures go in BENCHMARKS.md.
import { performance } from 'node:perf_hooks';
import { API_NAMES } from '../apis/catalogue.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import { loadSpec } from '../apis/api-specs.ts';
import { createSchemaValidator } from '../engine/schema/schema-violations.ts';
import { evaluateRequestRules } from '../engine/rules/rule-evaluator.ts';
import { specExamples } from '../engine/spec/spec-examples.ts';

const SECONDS_PER_MEASURE = Number(process.env.BENCH_SECONDS ?? 2);

function rate(label: string, unit: string, work: () => number): void {
  let done = 0;
  const start = performance.now();
  while (performance.now() - start < SECONDS_PER_MEASURE * 1000) done += work();
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `${label.padEnd(44)} ${Math.round(done / seconds)
      .toLocaleString('en-US')
      .padStart(12)} ${unit}/s`,
  );
}

const loadStart = performance.now();
const specs: LoadedSpec[] = await Promise.all(API_NAMES.map((api) => loadSpec(api)));
console.log(`${'load + validate + dereference 5 specs'.padEnd(44)} ${(performance.now() - loadStart).toFixed(0).padStart(12)} ms`);

const compileStart = performance.now();
const validators = specs.map((spec) => ({ spec, validate: createSchemaValidator(spec), examples: specExamples(spec) }));
console.log(`${'compile every schema of 5 specs (ajv)'.padEnd(44)} ${(performance.now() - compileStart).toFixed(0).padStart(12)} ms`);

rate("schema checks of the documents' examples", 'checks', () => {
  let checks = 0;
  for (const { validate, examples } of validators) {
    for (const example of examples) {
      validate(example.location, example.value);
      checks += 1;
    }
  }
  return checks;
});

rate('request-rule evaluations on request examples', 'evaluations', () => {
  let evaluations = 0;
  for (const { spec, examples } of validators) {
    for (const example of examples.filter((candidate) => candidate.location === 'request-body')) {
      evaluations += evaluateRequestRules(spec.requirements, { method: 'POST', path: {}, header: {}, body: example.value }).length;
    }
  }
  return evaluations;
});

const memory = process.memoryUsage();
console.log(`${'resident memory after the run'.padEnd(44)} ${(memory.rss / 2 ** 20).toFixed(0).padStart(12)} MiB`);
