import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium: the report is tested in a real browser, never in a downloaded one. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium with a fresh profile; fails (never skips) when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: the HTML report is tested in a real browser. Install it with: apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface PageOptions {
  javaScriptEnabled: boolean;
  viewport?: { width: number; height: number };
}

/** One page and everything it did: the requests it made, the dialogs it opened, what it logged and threw. */
export interface RecordedPage {
  page: Page;
  context: BrowserContext;
  url: string;
  requests: string[];
  dialogs: { type: string; message: string }[];
  consoleMessages: { type: string; text: string }[];
  pageErrors: string[];
  close(): Promise<void>;
}

function record(context: BrowserContext, page: Page, recorded: RecordedPage): void {
  context.on('request', (request) => recorded.requests.push(request.url()));
  page.on('dialog', (dialog) => {
    recorded.dialogs.push({ type: dialog.type(), message: dialog.message() });
    void dialog.dismiss();
  });
  page.on('console', (message) => recorded.consoleMessages.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => recorded.pageErrors.push(error.message));
}

/** Opens a local file in a new context, recording from before the first byte is loaded. */
export async function openLocalFile(browser: Browser, file: string, options: PageOptions): Promise<RecordedPage> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled,
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const recorded: RecordedPage = { page, context, url, requests: [], dialogs: [], consoleMessages: [], pageErrors: [], close: () => context.close() };
  record(context, page, recorded);
  await page.goto(url, { waitUntil: 'load' });
  return recorded;
}
