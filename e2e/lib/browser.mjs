// Launches the system Chromium (Debian's package): npm never downloads a
// browser for Guichet, so playwright-core drives /usr/bin/chromium.
import { chromium } from 'playwright-core';

/** chromiumPath is the browser the harness drives; CHROMIUM_PATH overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Flags that keep the browser quiet and local: no sandbox (CI runs as root),
// no QUIC, no background calls home, no first-run screens.
const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** viewport is the window size of every page, the one pa11y assumes too. */
export const viewport = { width: 1280, height: 1024 };

/**
 * launchBrowser starts Chromium. playwright-core gives it a fresh profile
 * folder (--user-data-dir) of its own and removes it on close().
 */
export async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: flags });
  return {
    browser,
    async close() {
      await browser.close().catch(() => {});
    },
  };
}

/** newContext opens a clean browser context (no cookies), with or without JavaScript. */
export function newContext(browser, { js }) {
  return browser.newContext({ javaScriptEnabled: js, viewport, locale: 'fr-FR' });
}
