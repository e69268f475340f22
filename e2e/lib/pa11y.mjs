// The pa11y check: its HTML_CodeSniffer runner, standard WCAG2AA, errors only.
// pa11y is given the journey's own page through a small adapter, so it checks
// exactly what the person sees (after a form post, behind a sign-in) without
// a second browser.
import pa11y from 'pa11y';
import { evaluateAsync, prepareScripts } from './timers.mjs';

// puppeteerLike exposes the few Page methods pa11y calls when it is handed a
// page with ignoreUrl: on/off (console logs), setViewport, evaluate.
function puppeteerLike(page, js) {
  return {
    on() {},
    off() {},
    async setViewport(size) {
      await page.setViewportSize({ width: size.width, height: size.height });
    },
    async evaluate(fn, arg) {
      // pa11y injects its scripts as strings, then calls its runner.
      if (typeof fn === 'string') return page.evaluate(fn);
      return evaluateAsync(page, js, fn, arg);
    },
  };
}

/**
 * checkPa11y runs pa11y (HTML_CodeSniffer, WCAG2AA) in the page and returns
 * its errors as findings: { tool: 'pa11y', rule, message, selector, html }.
 */
export async function checkPa11y(page, js) {
  await prepareScripts(page, js);
  const size = page.viewportSize();
  const results = await pa11y(page.url(), {
    browser: {},
    page: puppeteerLike(page, js),
    ignoreUrl: true,
    runners: ['htmlcs'],
    standard: 'WCAG2AA',
    includeNotices: false,
    includeWarnings: false,
    userAgent: '',
    viewport: size,
    timeout: 60_000,
  });
  return results.issues
    .filter((i) => i.type === 'error')
    .map((i) => ({ tool: 'pa11y', rule: i.code, message: i.message, selector: i.selector, html: i.context }));
}
