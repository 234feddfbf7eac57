import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from './support/cli-process.ts';
import { PROJECT_ROOT } from '../engine/project-files.ts';
import type { RecordedPage } from './support/chromium.ts';
import type { ApiReport } from '../reports/report-model.ts';
import { statusChart, verdictChart } from '../reports/svg-charts.ts';
import { openRunReport } from './support/report-in-browser.ts';

/**
 * A whole run (all five APIs, two of them with a catalogue fault) read the way a person reads it:
 * a page of a few screens, not 34,000 px; the first screen says whether it passed, what broke and
 * how to reproduce it; the charts' labels fit; the requirements matrix opens one API at a time.
 * The full-page screenshot stays in reports/output/ (git-ignored): it is the CI artifact.
 */

const OUTPUT_DIR = path.join(PROJECT_ROOT, 'reports', 'output');
const REPORT = path.join(OUTPUT_DIR, 'all-apis-report.html');
const SCREENSHOT = path.join(OUTPUT_DIR, 'all-apis-report.png');
const VIEWPORT = { width: 1280, height: 1500 };
const MAX_PAGE_HEIGHT = 8_000;
const FAULTS = ['lbaas-accepts-timeout-not-below-delay', 'compute-accepts-min-count-above-max-count'];
const BROKEN = ['lbaas-healthmonitors/timeout-lt-delay', 'compute-servers/min-count-le-max-count'];
const API_COUNT = 5;
const MATRIX_ROWS = '#matrix tbody tr';
const GROUPS = '#matrix details.matrix-group';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function boxOf(locator: Locator, what: string): Promise<Box> {
  const box = await locator.boundingBox();
  expect(box, `${what}: has a box`).not.toBeNull();
  return box as Box;
}

/** Visible, and its whole box inside the first screen. */
async function expectInFirstScreen(locator: Locator, what: string): Promise<void> {
  expect(await locator.isVisible(), `${what}: visible`).toBe(true);
  const { x, y, width, height } = await boxOf(locator, what);
  expect(y, `${what}: top ${y}`).toBeGreaterThanOrEqual(0);
  expect(y + height, `${what}: bottom ${y + height}`).toBeLessThanOrEqual(VIEWPORT.height);
  expect(x + width, `${what}: right ${x + width}`).toBeLessThanOrEqual(VIEWPORT.width);
}

/**
 * Every chart text that leaves its svg, or covers another text, a bar or a legend swatch of its
 * chart: a label that does not fit is cut off or drawn over the bars.
 */
function misplacedChartLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const slack = 0.5;
    const inside = (inner: DOMRect, outer: DOMRect) =>
      inner.left >= outer.left - slack && inner.right <= outer.right + slack && inner.top >= outer.top - slack && inner.bottom <= outer.bottom + slack;
    const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right - slack && b.left < a.right - slack && a.top < b.bottom - slack && b.top < a.bottom - slack;
    return Array.from(document.querySelectorAll('svg')).flatMap((svg) => {
      const frame = svg.getBoundingClientRect();
      const texts = Array.from(svg.querySelectorAll('text')).map((text) => ({ name: text.textContent ?? '', box: text.getBoundingClientRect() }));
      const shapes = [...texts, ...Array.from(svg.querySelectorAll('rect')).map((rect) => ({ name: 'a bar', box: rect.getBoundingClientRect() }))];
      return texts.flatMap((text) => [
        ...(inside(text.box, frame) ? [] : [`"${text.name}" leaves its svg`]),
        ...shapes.filter((shape) => shape.box !== text.box && overlap(text.box, shape.box)).map((shape) => `"${text.name}" covers ${shape.name}`),
      ]);
    });
  });
}

/** The longest labels a chart can get: six-digit counts, every status undocumented, a transport failure. */
function apiWithWideLabels(): ApiReport {
  const statuses = ['404', '405', '409', '413', '415', '500', '503', 'no answer'];
  return {
    api: 'compute-servers',
    operation: 'POST /v2/{project_id}/servers',
    document: 'compute-create-server.txt',
    verdict: 'not conformant',
    held: 123_456,
    broken: 234_567,
    warned: 345_678,
    known: 0,
    notRun: 987_654,
    cases: 999_999,
    failedCases: 888_888,
    created: 0,
    unexpectedlyCreated: { count: 0, caseIds: [] },
    observedStatuses: statuses.map((status, index) => ({ status, count: 100_000 * (index + 1) })),
    responseCodes: [{ status: '202', description: 'Accepted', provoked: 1, observed: 0 }],
    expectedTogether: [],
    samplePasses: [],
  };
}

function visibleCount(locator: Locator): Promise<number> {
  return locator.filter({ visible: true }).count();
}

describe('the report of a whole run with two faults, in Chromium at 1280 px', () => {
  let browser: Browser;
  let run: CliRun;
  let view: RecordedPage;

  beforeAll(async () => {
    ({ run, browser, view } = await openRunReport({
      args: ['run', '--seed', '1', '--runs', '10'],
      faults: FAULTS,
      report: REPORT,
      screenshot: SCREENSHOT,
      viewport: VIEWPORT,
      fullPage: true,
    }));
  }, 120_000);

  afterAll(async () => {
    await view?.close();
    await browser?.close();
  });

  it('the run exits 1 and names both broken requirements', () => {
    expect(run.status, run.stdout.slice(-2000) + run.stderr).toBe(1);
    for (const requirement of BROKEN) expect(run.stdout).toContain(requirement);
  });

  it(`is under ${MAX_PAGE_HEIGHT} px tall with the matrix collapsed`, async () => {
    const height = await view.page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(MAX_PAGE_HEIGHT);
  });

  it('shows on the first screen the verdict banner, every broken requirement with its sentence, and a curl', async () => {
    await expectInFirstScreen(view.page.locator('#verdict'), 'the verdict banner');
    expect(await view.page.locator('#verdict').innerText()).toContain('NOT CONFORMANT');
    for (const requirement of BROKEN) {
      const article = view.page.locator(`[id="req-${requirement}"]`);
      await expectInFirstScreen(article.locator('h3'), `${requirement}: its heading`);
      await expectInFirstScreen(article.locator('blockquote.quote'), `${requirement}: its quote`);
      await expectInFirstScreen(article.locator('pre.request'), `${requirement}: its request`);
    }
    const curl = view.page.locator('#broken pre.curl').first();
    await expectInFirstScreen(curl, 'the first curl');
    expect((await curl.innerText()).trimStart().startsWith('curl')).toBe(true);
  });

  it('draws every chart label inside its svg, over no bar and no other label', async () => {
    expect(await view.page.locator('svg text').count()).toBeGreaterThan(API_COUNT * 4);
    expect(await misplacedChartLabels(view.page)).toEqual([]);
  });

  it('fits the widest labels a chart can get, too', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    try {
      const style = readFileSync(path.join(PROJECT_ROOT, 'reports', 'assets', 'report.css'), 'utf8');
      const api = apiWithWideLabels();
      await page.setContent(`<style>${style}</style><div class="api-card">${verdictChart(api).text}${statusChart(api).text}</div>`);
      expect(await page.locator('svg text').count()).toBe(4 + 2 * api.observedStatuses.length);
      expect(await misplacedChartLabels(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('closes every API group of the matrix by default; opening one shows its rows, and only those', async () => {
    const groups = view.page.locator(GROUPS);
    expect(await groups.count()).toBe(API_COUNT);
    expect(await groups.evaluateAll((elements) => elements.filter((element) => (element as HTMLDetailsElement).open).length)).toBe(0);
    expect(await visibleCount(view.page.locator(MATRIX_ROWS))).toBe(0);
    const compute = view.page.locator(`${GROUPS}[data-api="compute-servers"]`);
    await compute.locator('summary').click();
    const rows = compute.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await visibleCount(rows)).toBe(await rows.count());
    expect(await visibleCount(view.page.locator(MATRIX_ROWS))).toBe(await rows.count());
    expect(await rows.first().getAttribute('data-verdict')).toBe('broken');
    await compute.locator('summary').click();
  });

  it('the verdict filter narrows the matrix to the broken rows, opening their groups; clearing it closes them again', async () => {
    const total = await view.page.locator(MATRIX_ROWS).count();
    await view.page.selectOption('#filter-verdict', 'broken');
    expect(await visibleCount(view.page.locator(MATRIX_ROWS))).toBe(BROKEN.length);
    expect(await visibleCount(view.page.locator(`${MATRIX_ROWS}[data-verdict="broken"]`))).toBe(BROKEN.length);
    expect(await visibleCount(view.page.locator(GROUPS))).toBe(BROKEN.length);
    expect(await view.page.locator('#filter-count').innerText()).toBe(`${BROKEN.length} of ${total} requirements shown`);
    await view.page.selectOption('#filter-verdict', '');
    expect(await visibleCount(view.page.locator(MATRIX_ROWS))).toBe(0);
    expect(await visibleCount(view.page.locator(GROUPS))).toBe(API_COUNT);
  });

  it('loads nothing but the file and logs no error', () => {
    expect(view.requests.filter((url) => url !== view.url)).toEqual([]);
    expect(view.pageErrors).toEqual([]);
    expect(view.consoleMessages.filter((message) => message.type === 'error')).toEqual([]);
  });
});
