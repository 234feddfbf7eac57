import type { LoadedSpec } from '../engine/spec-loader.ts';
import type { CaseResult, RequirementVerdict } from './run-model.ts';

export interface ConsoleSink {
  write(text: string): void;
}

function citationOf(specs: LoadedSpec[], requirementId: string): string {
  for (const spec of specs) {
    const requirement = spec.requirements.find((candidate) => candidate.id === requirementId);
    if (requirement) return `${spec.sourceDocument}, section "${requirement.cite.section}" (${requirement.level}): "${requirement.cite.quote.trim()}"`;
  }
  return '(not a requirement of the specs)';
}

/** One failure: the requirement and where the document says it, the request, what came back, and curl. */
export function formatFailure(specs: LoadedSpec[], result: CaseResult, brokenIds: string[]): string {
  const lines = [
    `✗ ${brokenIds.join(', ')}`,
    `  ${citationOf(specs, brokenIds[0] ?? result.requirementId)}`,
    `  case ${result.caseId}: ${result.description}`,
    `  request: ${result.request.method} ${result.url}`,
  ];
  if (result.request.body !== undefined) lines.push(`  body: ${JSON.stringify(result.request.body).slice(0, 400)}`);
  if (result.error) lines.push(`  no answer: ${result.error}`);
  if (result.response) {
    lines.push(`  expected ${result.expectedStatuses.join(' or ')}, got ${result.response.status}`);
    if (result.response.bodyExcerpt) lines.push(`  response body: ${result.response.bodyExcerpt.slice(0, 300)}${result.response.bodyTruncated ? '…' : ''}`);
  }
  for (const check of result.checks.filter((c) => !c.passed)) lines.push(`  ${check.check} (${check.requirementId}): ${check.message}`);
  lines.push(`  reproduce: ${result.curl}`);
  return `${lines.join('\n')}\n`;
}

export function formatSummary(verdicts: RequirementVerdict[], strict: boolean): string {
  const apis = [...new Set(verdicts.map((verdict) => verdict.api))];
  const rows = apis.map((api) => {
    const mine = verdicts.filter((verdict) => verdict.api === api);
    const count = (predicate: (v: RequirementVerdict) => boolean) => mine.filter(predicate).length;
    const broken = count((v) => v.verdict === 'broken' && v.level === 'explicit');
    const warned = count((v) => v.verdict === 'broken' && v.level === 'inferred');
    const failing = broken > 0 || (strict && warned > 0);
    return `  ${failing ? '✗' : '✓'} ${api.padEnd(22)} held ${String(count((v) => v.verdict === 'held')).padStart(3)}  broken ${String(broken).padStart(3)}  warned (inferred) ${String(warned).padStart(3)}  not run ${String(count((v) => v.verdict === 'not-run')).padStart(3)}`;
  });
  return `${rows.join('\n')}\n`;
}

/** A single live line on a terminal; nothing when not a TTY or under CI. */
export class ProgressLine {
  private last = 0;

  constructor(private readonly sink: ConsoleSink & { isTTY?: boolean }, private readonly total: number, private readonly enabled: boolean) {}

  update(done: number, failed: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && done < this.total) return;
    this.last = now;
    this.sink.write(`\r${done}/${this.total} cases, ${failed} failed`);
  }

  clear(): void {
    if (this.enabled) this.sink.write('\r\x1b[K');
  }
}
