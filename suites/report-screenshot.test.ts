import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from './support/cli-process.ts';
import { PROJECT_ROOT } from '../engine/project-files.ts';
import type { RecordedPage } from './support/chromium.ts';
import { openRunReport } from './support/report-in-browser.ts';

/**
 * The first screen of a failing report, as CI keeps it: a run against the embedded mock with one
 * catalogue fault switched on; within 1280×1500 a reader sees the verdict, the broken
 * requirement with the document's sentence, the counterexample's request and its curl.
 * The screenshot stays in reports/output/ (git-ignored): it is the CI artifact.
 */

const OUTPUT_DIR = path.join(PROJECT_ROOT, 'reports', 'output');
const REPORT = path.join(OUTPUT_DIR, 'fault-report.html');
const SCREENSHOT = path.join(OUTPUT_DIR, 'fault-report.png');
const VIEWPORT = { width: 1280, height: 1500 };
const FAULT = 'lbaas-accepts-timeout-not-below-delay';
const REQUIREMENT = 'lbaas-healthmonitors/timeout-lt-delay';
const QUOTE = 'This value must be less than the ``delay`` value.';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Visible, and its whole box inside the first screen (0..1500 vertically, 0..1280 across). */
async function expectInFirstScreen(locator: Locator, what: string): Promise<void> {
  expect(await locator.count(), `${what}: exactly one`).toBe(1);
  expect(await locator.isVisible(), `${what}: visible`).toBe(true);
  const box = await locator.boundingBox();
  expect(box, `${what}: has a box`).not.toBeNull();
  const { x, y, width, height } = box as { x: number; y: number; width: number; height: number };
  expect(y, `${what}: top ${y}`).toBeGreaterThanOrEqual(0);
  expect(y + height, `${what}: bottom ${y + height}`).toBeLessThanOrEqual(VIEWPORT.height);
  expect(x, `${what}: left ${x}`).toBeGreaterThanOrEqual(0);
  expect(x + width, `${what}: right ${x + width}`).toBeLessThanOrEqual(VIEWPORT.width);
}

describe('the first screen of a report on a faulty target, in Chromium', () => {
  let browser: Browser;
  let run: CliRun;
  let view: RecordedPage;

  beforeAll(async () => {
    ({ run, browser, view } = await openRunReport({
      args: ['run', '--api', 'lbaas-healthmonitors', '--seed', '1', '--runs', '3'],
      faults: [FAULT],
      report: REPORT,
      screenshot: SCREENSHOT,
      viewport: VIEWPORT,
      fullPage: false,
    }));
  }, 120_000);

  afterAll(async () => {
    await view?.close();
    await browser?.close();
  });

  it('the run exits 1 and names the broken requirement', () => {
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain(REQUIREMENT);
  });

  it('writes a non-trivial PNG screenshot of the viewport (kept as the CI artifact)', () => {
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(20 * 1024);
    const png = readFileSync(SCREENSHOT);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // The IHDR chunk: width and height, big-endian, right after the signature and the chunk header.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([VIEWPORT.width, VIEWPORT.height]);
  });

  it('shows the verdict banner saying NOT CONFORMANT', async () => {
    const banner = view.page.locator('#verdict');
    await expectInFirstScreen(banner, 'the verdict banner');
    expect(await banner.innerText()).toContain('NOT CONFORMANT');
  });

  it('shows the broken requirement with the document’s sentence', async () => {
    const article = view.page.locator(`[id="req-${REQUIREMENT}"]`);
    await expectInFirstScreen(article, 'the broken requirement');
    expect(await article.getAttribute('data-verdict')).toBe('broken');
    const quote = article.locator('blockquote.quote');
    await expectInFirstScreen(quote, 'its quote');
    expect((await quote.innerText()).trim()).toBe(QUOTE);
  });

  it('shows the counterexample’s request with its timeout, and the curl that reproduces it', async () => {
    const article = view.page.locator(`[id="req-${REQUIREMENT}"]`);
    const request = article.locator('pre.request');
    await expectInFirstScreen(request, 'the counterexample request');
    expect(await request.innerText()).toContain('"timeout"');
    const curl = article.locator('pre.curl').first();
    await expectInFirstScreen(curl, 'the curl command');
    expect((await curl.innerText()).trimStart().startsWith('curl')).toBe(true);
  });

  it('loads nothing but the file and logs no error', () => {
    expect(view.requests.filter((url) => url !== view.url)).toEqual([]);
    expect(view.pageErrors).toEqual([]);
    expect(view.consoleMessages.filter((message) => message.type === 'error')).toEqual([]);
  });
});
