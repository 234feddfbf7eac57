import { describe, expect, it } from 'vitest';
import { loadSpec } from '../apis/api-specs.ts';
import { requirementKind } from '../engine/spec/requirement-model.ts';
import { listSpec, type SpecListing } from '../cli/specs-listing.ts';
import { formatSpecListings } from '../cli/specs-text.ts';
import { conformanceSync } from './support/cli-process.ts';

const API = 'lbaas-healthmonitors';
const KNOWN = `${API}/timeout-lt-delay`;
const KNOWN_QUOTE = 'less than the ``delay`` value';

const spec = await loadSpec(API);
const requirementIds = spec.requirements.map((requirement) => requirement.id);
const text = conformanceSync(['specs', '--api', API]);
const json = conformanceSync(['specs', '--api', API, '--json']);
const [listing] = JSON.parse(json.stdout) as SpecListing[];

/** How many times `word` stands alone (between white space) in `output`. */
function occurrences(output: string, word: string): number {
  return output.split(/\s+/).filter((token) => token === word).length;
}

function lineOf(output: string, id: string): string {
  return output.split('\n').find((line) => line.trim().split(/\s+/)[0] === id) ?? '';
}

describe('conformance specs: text', () => {
  it('lists every requirement of the spec exactly once', () => {
    expect(text.status).toBe(0);
    for (const id of requirementIds) expect(occurrences(text.stdout, id), id).toBe(1);
  });

  it("shows a requirement's level, status when broken, section and the document's sentence", () => {
    const line = lineOf(text.stdout, KNOWN);
    expect(line).toMatch(/\bexplicit\s+rule 400\s+Request: /);
    expect(line).toContain(KNOWN_QUOTE);
  });

  it('heads the API with its operation, source document and counts, and ends with its errata', () => {
    const [heading, counts] = text.stdout.split('\n');
    expect(heading).toBe(`${API} · POST /v2.0/lbaas/healthmonitors · ${spec.sourceDocument}`);
    expect(counts).toContain(`${spec.requirements.length} requirements`);
    expect(counts).toContain(`${spec.errata.length} errata`);
    for (const erratum of spec.errata) expect(lineOf(text.stdout, erratum.id)).toContain(erratum.problem.replace(/\s+/g, ' ').trim());
  });

  it('keeps every sentence whole when the output is piped', () => {
    expect(text.stdout).not.toContain('…');
  });
});

describe('conformance specs --json', () => {
  it('lists every requirement exactly once, in the order of the spec', () => {
    expect(json.status).toBe(0);
    expect(listing?.requirements.map((requirement) => requirement.id)).toEqual(requirementIds);
  });

  it("gives a requirement's level, kind, status, section, quote and document", () => {
    expect(listing?.requirements.find((requirement) => requirement.id === KNOWN)).toEqual({
      id: KNOWN,
      level: 'explicit',
      kind: 'rule',
      statusOnBreak: [400],
      section: 'Request',
      quote: expect.stringContaining(KNOWN_QUOTE),
      document: spec.sourceDocument,
    });
  });

  it('keeps the counts, and they agree with the lists', () => {
    const entries = listing?.requirements ?? [];
    const count = (kind: string, level?: string) => entries.filter((entry) => entry.kind === kind && (!level || entry.level === level)).length;
    expect(listing?.schema).toEqual({ explicit: count('schema', 'explicit'), inferred: count('schema', 'inferred') });
    expect(listing?.rule).toEqual({ explicit: count('rule', 'explicit'), inferred: count('rule', 'inferred') });
    expect(listing?.untestable).toBe(count('untestable'));
    expect(listing?.errata).toBe(listing?.errataList.length);
    expect(listing?.errataList.map((erratum) => erratum.id)).toEqual(spec.errata.map((erratum) => erratum.id));
    expect(entries.map((entry) => entry.kind)).toEqual(spec.requirements.map(requirementKind));
  });

  it('gives one entry per API asked for, in the order asked', () => {
    const { status, stdout } = conformanceSync(['specs', '--api', 'compute-servers', '--api', API, '--json']);
    expect(status).toBe(0);
    expect((JSON.parse(stdout) as SpecListing[]).map((entry) => entry.api)).toEqual(['compute-servers', API]);
  });

  it('refuses an unknown API in one line, exit 2', () => {
    const { status, stdout, stderr } = conformanceSync(['specs', '--api', 'nova']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^conformance: unknown API nova; the APIs are /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('conformance specs in a terminal', () => {
  const listings = [listSpec(spec)];
  const width = 140;
  const lines = formatSpecListings(listings, { width }).split('\n');

  it('cuts a sentence longer than the line with …, and only such a sentence', () => {
    const line = lineOf(lines.join('\n'), `${API}/tenant-id-own-unless-admin`);
    expect([...line].length).toBeLessThanOrEqual(width);
    expect(line).toMatch(/…”$/);
    expect(lineOf(lines.join('\n'), `${API}/healthmonitor-is-object`)).toMatch(/“A health monitor object\.”$/);
  });

  it('keeps every requirement line within the width when the columns leave room', () => {
    for (const id of requirementIds) expect([...lineOf(lines.join('\n'), id)].length, id).toBeLessThanOrEqual(width);
  });

  it('keeps the whole sentence in --json', () => {
    const full = listings[0]?.requirements.find((requirement) => requirement.id === `${API}/tenant-id-own-unless-admin`)?.quote;
    expect(full).toMatch(/different than their own\.$/);
  });
});

describe('conformance specs --json: what a default run sends each way', () => {
  it('counts the requirements on the request sent both ways, and gives the others with which way and why', async () => {
    const run = conformanceSync(['specs', '--api', 'compute-servers', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const [listing] = JSON.parse(run.stdout) as {
      requirements: { id: string }[];
      coverage: { plannedWith: { seed: number }; requestSide: number; bothWays: number; notBothWays: { id: string; sent: string; reason: string }[] };
    }[];
    const coverage = listing?.coverage;
    expect(coverage?.plannedWith.seed).toBe(1);
    expect(coverage?.bothWays).toBe((coverage?.requestSide ?? 0) - (coverage?.notBothWays.length ?? 0));
    expect(coverage?.bothWays).toBeGreaterThan(0);
    const ids = new Set(listing?.requirements.map((requirement) => requirement.id));
    for (const row of coverage?.notBothWays ?? []) {
      expect(ids.has(row.id), row.id).toBe(true);
      expect(['negative only', 'positive only', 'neither']).toContain(row.sent);
      expect(row.reason.length, row.id).toBeGreaterThan(10);
    }
    expect(coverage?.notBothWays.find((row) => row.id === 'compute-servers/min-count-within-quota')?.reason).toContain('no request breaks it alone');
  }, 60_000);
});
