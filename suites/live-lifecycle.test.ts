import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { API_NAMES } from '../apis/catalogue.ts';
import { isDeletable, lifecycleOf, operationPath } from '../apis/lifecycle.ts';
import { LedgerError } from '../engine/errors.ts';
import { outstandingResources, ResourceLedger } from '../runner/resource-ledger.ts';
import { conformanceAsync } from './support/cli-process.ts';
import { startFixedAnswer, type Misbehaving } from './support/misbehaving-servers.ts';
import { writeLiveConfig } from './support/live-config-file.ts';

/**
 * What a run against a live target relies on without a real cloud (the real servers prove the
 * rest: suites/real-servers/): the lifecycle data, the ledger a stopped run leaves, the preflight
 * that stops a run whose credentials are refused, and --max-failures.
 */
const scratch = mkdtempSync(path.join(tmpdir(), 'lifecycle-'));
let target: Misbehaving | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

/** `run --runs 1` of one API against a live target, with the live config and a ledger in the scratch folder. */
function liveRunOfOneCase(url: string, api: string, ledger: string) {
  return conformanceAsync(['run', '--target', url, '--config', writeLiveConfig(scratch), '--api', api, '--runs', '1', '--ledger', path.join(scratch, ledger)]);
}

describe('the lifecycle data beside each spec', () => {
  it.each(API_NAMES)('%s: loads, and says how to delete what a create makes or why it cannot', (api) => {
    const lifecycle = lifecycleOf(api);
    expect(lifecycle.api).toBe(api);
    if (isDeletable(lifecycle)) {
      expect(lifecycle.delete.method).toBe('DELETE');
      expect(lifecycle.delete.path).toContain('{id}');
    } else expect(lifecycle.noDelete).toMatch(/delete/);
    expect(lifecycle.preflight404).toContain(`fixtures.${api}`);
  });

  it('fills an operation path from the id and the create request, each part URL-encoded', () => {
    const lifecycle = lifecycleOf('orchestration-stacks');
    if (!isDeletable(lifecycle)) throw new Error('orchestration stacks are deletable');
    const request = { method: 'POST', path: { tenant_id: 'tenant 1' }, header: {}, body: { stack_name: 'web/a' } };
    expect(operationPath(lifecycle.delete, 'abc', request)).toBe('/v1/tenant%201/stacks/web%2Fa/abc');
  });
});

describe('the ledger', () => {
  const resource = (id: string) => ({
    api: 'compute-servers' as const,
    caseId: 'x#positive-1',
    id,
    showUrl: `http://127.0.0.1:1/v2/p/servers/${id}`,
    deleteUrl: `http://127.0.0.1:1/v2/p/servers/${id}`,
  });

  it('lists what was created and not deleted, in creation order', () => {
    const file = path.join(scratch, 'ledger.jsonl');
    const ledger = new ResourceLedger(file);
    ledger.created(resource('a'));
    ledger.created(resource('b'));
    ledger.created(resource('c'));
    ledger.deleted(resource('b'));
    ledger.left(resource('c'), 'DELETE answered 500');
    expect(outstandingResources(file).map((item) => item.id)).toEqual(['a', 'c']);
  });

  it('reads the ledger of a run killed in the middle of writing a line', () => {
    const file = path.join(scratch, 'cut.jsonl');
    new ResourceLedger(file).created(resource('a'));
    appendFileSync(file, '{"event":"created","api":"compute-ser');
    expect(outstandingResources(file).map((item) => item.id)).toEqual(['a']);
  });

  it('says which file it cannot read, and what to give instead', () => {
    const missing = path.join(scratch, 'missing.jsonl');
    expect(() => outstandingResources(missing)).toThrow(LedgerError);
    expect(() => outstandingResources(missing)).toThrow(/cannot read the ledger .*missing\.jsonl/);
    const broken = path.join(scratch, 'broken.jsonl');
    writeFileSync(broken, 'not json\n{"event":"deleted","api":"compute-servers","id":"a"}\n');
    expect(() => outstandingResources(broken)).toThrow(/line 1 is not JSON/);
  });
});

describe('the preflight and the early stop', () => {
  it('a target that answers 401 to everything: exit 2 after the first request, naming the credential to check', async () => {
    target = await startFixedAnswer(
      401,
      { 'content-type': 'application/json' },
      '{"error": {"code": 401, "message": "The request you have made requires authentication."}}',
    );
    const run = await liveRunOfOneCase(target.url, 'compute-servers', 'refused.jsonl');
    expect(run.status, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toContain("compute-servers: the target answered 401 to the fixtures' valid request");
    expect(run.stderr).toContain('Check auth.token (or CONFORMANCE_AUTH_TOKEN)');
    // The reachability probe and the preflight: nothing planned was sent.
    expect(target.hits).toBe(2);
  });

  it('a target that answers 404: exit 2, naming the fixture that names nothing', async () => {
    target = await startFixedAnswer(404, { 'content-type': 'application/json' }, '{"itemNotFound": {"code": 404, "message": "not found"}}');
    const run = await liveRunOfOneCase(target.url, 'orchestration-stacks', 'missing.jsonl');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('fixtures.orchestration-stacks.tenantId');
  });

  it('--max-failures 1 stops at the first broken requirement (exit 1, the run incomplete)', async () => {
    const run = await conformanceAsync(['run', '--api', 'lbaas-healthmonitors', '--runs', '200', '--seed', '3', '--concurrency', '1', '--max-failures', '1'], {
      CONFORMANCE_MOCK_FAULTS: 'lbaas-accepts-timeout-not-below-delay',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('The run stopped at 1 broken requirements (--max-failures)');
    expect(run.stdout).toContain('lbaas-healthmonitors/timeout-lt-delay');
  });
});
