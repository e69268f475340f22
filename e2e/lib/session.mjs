// One run of one journey: a fresh browser context, its page, the weight
// recorder, and the helpers the journey receives (visit, click, checkpoint).
import { createHash } from 'node:crypto';
import { newContext } from './browser.mjs';
import { makeExpect } from './expect.mjs';
import { checkPage } from './gate.mjs';
import { recordWeight } from './weight.mjs';

const navigationTimeout = 15_000;

// pageLabel names a page for reports: its path, and for a form post the
// address posted to ("POST /connexion → /compte").
function pageLabel(rec, finalURL) {
  const u = new URL(finalURL);
  const path = u.pathname + u.search;
  if (!rec || rec.method === 'GET') return path;
  return `${rec.method} ${new URL(rec.url).pathname} → ${path}`;
}

/**
 * openSession prepares a journey run. visits lists every page checked:
 * { label, url, status, bytes, requests, findings }. totp is shared by the
 * whole run (see totpSequence). gateCache, shared by the run too, keeps the
 * findings of each exact document already checked.
 */
export async function openSession({ browser, baseURL, js, accounts, totp, gateCache = new Map(), dataDir = '' }) {
  const context = await newContext(browser, { js });
  context.setDefaultTimeout(navigationTimeout);
  const page = await context.newPage();
  const weight = await recordWeight(context, page);
  const visits = [];
  const problems = [];
  const checked = new Set();
  let lastStatus = 0;
  page.on('response', (res) => {
    if (res.request().isNavigationRequest() && res.frame() === page.mainFrame()) lastStatus = res.status();
  });

  async function checkpoint() {
    await page.waitForLoadState('load');
    await weight.settle();
    const rec = weight.current();
    if (!rec || checked.has(rec.id)) return;
    for (const earlier of weight.all()) {
      if (earlier.id < rec.id && !checked.has(earlier.id)) {
        problems.push(`the page ${new URL(earlier.url).pathname} was opened but never checked: open pages with visit() or click(), or call checkpoint()`);
        checked.add(earlier.id);
      }
    }
    checked.add(rec.id);
    const label = pageLabel(rec, page.url());
    if (lastStatus >= 500) problems.push(`${label} answered ${lastStatus}`);
    const findings = await checkCached(label);
    visits.push({ label, url: page.url(), status: lastStatus, bytes: rec.bytes, requests: rec.requests, findings });
  }

  // The same document (same markup, same mode) gets the same findings: many
  // journeys pass by the sign-in page, and the gate costs a second a page.
  async function checkCached(label) {
    const key = createHash('sha256').update(`${js}\n${label}\n${await page.content()}`).digest('hex');
    if (!gateCache.has(key)) gateCache.set(key, await checkPage(page, js));
    return gateCache.get(key);
  }

  async function visit(path) {
    await checkpoint();
    const res = await page.goto(new URL(path, baseURL).href, { waitUntil: 'load' });
    await checkpoint();
    return res;
  }

  async function click(locator) {
    await checkpoint();
    const loaded = page.waitForEvent('load', { timeout: navigationTimeout });
    await locator.click();
    try {
      await loaded;
    } catch {
      throw new Error(`clicking ${locator} did not open a page within ${navigationTimeout / 1000} s (use locator.click() for clicks that stay on the page)`);
    }
    await checkpoint();
  }

  return {
    context,
    page,
    visits,
    problems,
    helpers: { page, visit, click, checkpoint, expect: makeExpect(page), totp, accounts, baseURL, js, dataDir },
    /** finish checks the page the journey ended on. */
    finish: checkpoint,
    close: () => context.close(),
  };
}
