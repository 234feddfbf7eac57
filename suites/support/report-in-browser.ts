import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { PROJECT_ROOT } from '../../engine/project-files.ts';
import { launchChromium, openLocalFile, type RecordedPage } from './chromium.ts';
import { conformanceAsync, type CliRun } from './cli-process.ts';

export interface ReportInBrowser {
  run: CliRun;
  browser: Browser;
  view: RecordedPage;
}

/** Runs the CLI with faults switched on in the mock, writes its HTML report, opens it in Chromium and screenshots it (the CI artifact). */
export async function openRunReport(options: {
  args: string[];
  faults: string[];
  report: string;
  screenshot: string;
  viewport: { width: number; height: number };
  fullPage: boolean;
}): Promise<ReportInBrowser> {
  mkdirSync(path.dirname(options.report), { recursive: true });
  rmSync(options.report, { force: true });
  rmSync(options.screenshot, { force: true });
  const args = [...options.args, '--report', path.relative(PROJECT_ROOT, options.report)];
  const [run, browser] = await Promise.all([conformanceAsync(args, { CONFORMANCE_MOCK_FAULTS: options.faults.join(',') }), launchChromium()]);
  const view = await openLocalFile(browser, options.report, { javaScriptEnabled: true, viewport: options.viewport });
  await view.page.screenshot({ path: options.screenshot, fullPage: options.fullPage });
  return { run, browser, view };
}
