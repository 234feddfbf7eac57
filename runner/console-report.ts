import { requirementAmong, type LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { CaseResult } from '../engine/run/run-model.ts';
import { plannedCountText, type PlannedCount } from './run-listener.ts';

export interface ConsoleSink {
  write(text: string): void;
}

function citationOf(specs: LoadedSpec[], requirementId: string): string {
  const found = requirementAmong(specs, requirementId);
  if (!found) return '(not a requirement of the specs)';
  const { spec, requirement } = found;
  return `${spec.sourceDocument}, section "${requirement.cite.section}" (${requirement.level}): "${requirement.cite.quote.trim()}"`;
}

/** The glyph of each shown verdict, the same in every output: ✓ held, ✗ broken, ! warned (broken, inferred). */
export const VERDICT_GLYPHS = { held: '✓', broken: '✗', warned: '!' } as const;

/** One failure: the requirement and where the document says it, the request, what came back, and curl. */
export function formatFailure(specs: LoadedSpec[], result: CaseResult, brokenIds: string[], shown: 'broken' | 'warned' = 'broken'): string {
  const lines = [
    `${VERDICT_GLYPHS[shown]} ${brokenIds.join(', ')}${shown === 'warned' ? ' (warned: an inferred claim; fails only with --strict)' : ''}`,
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

/** A single live line on a terminal; nothing when not a TTY or under CI. */
export class ProgressLine {
  private last = 0;

  constructor(
    private readonly sink: ConsoleSink & { isTTY?: boolean },
    private readonly total: () => PlannedCount,
    private readonly enabled: boolean,
  ) {}

  update(done: number, failed: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    const total = this.total();
    if (now - this.last < 100 && done < total.cases) return;
    this.last = now;
    this.sink.write(`\r${done}/${plannedCountText(total)} cases, ${failed} failed`);
  }

  clear(): void {
    if (this.enabled) this.sink.write('\r\x1b[K');
  }
}
