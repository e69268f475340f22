// Small assertions for journeys. Each waits up to a timeout for the page to
// reach the wanted state and fails with a message that says what it saw.

const defaultTimeout = 5000;

async function poll(check, timeout) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await check();
    if (last.ok || Date.now() > deadline) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const matches = (got, want) => (want instanceof RegExp ? want.test(got) : got === want);
const contains = (got, want) => (want instanceof RegExp ? want.test(got) : got.includes(want));

/** makeExpect returns the assertions bound to a journey's page. */
export function makeExpect(page) {
  return {
    /** visible waits until the locator shows one visible element. */
    async visible(locator, { timeout = defaultTimeout } = {}) {
      try {
        await locator.first().waitFor({ state: 'visible', timeout });
      } catch {
        throw new Error(`expected ${locator} to be visible on ${page.url()}`);
      }
    },
    /** hidden waits until the locator shows nothing. */
    async hidden(locator, { timeout = defaultTimeout } = {}) {
      try {
        await locator.first().waitFor({ state: 'hidden', timeout });
      } catch {
        throw new Error(`expected ${locator} to be hidden on ${page.url()}`);
      }
    },
    /** text waits until the locator's text contains want (a string or a RegExp). */
    async text(locator, want, { timeout = defaultTimeout } = {}) {
      const r = await poll(async () => {
        const got = (await locator.first().innerText({ timeout: 1000 }).catch(() => '')).replace(/\s+/g, ' ');
        return { ok: contains(got, want), got };
      }, timeout);
      if (!r.ok) throw new Error(`expected ${locator} to contain ${want}, got ${JSON.stringify(r.got)}`);
    },
    /** path waits until the page's path (without query) equals want (a string or a RegExp). */
    async path(want, { timeout = defaultTimeout } = {}) {
      const r = await poll(async () => {
        const got = new URL(page.url()).pathname;
        return { ok: matches(got, want), got };
      }, timeout);
      if (!r.ok) throw new Error(`expected the path ${want}, got ${r.got}`);
    },
    /** title waits until the document title contains want (a string or a RegExp). */
    async title(want, { timeout = defaultTimeout } = {}) {
      const r = await poll(async () => {
        const got = await page.title();
        return { ok: contains(got, want), got };
      }, timeout);
      if (!r.ok) throw new Error(`expected the title to contain ${want}, got ${JSON.stringify(r.got)}`);
    },
    /** equal compares two plain values; what names the value in the message. */
    equal(got, want, what = 'value') {
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        throw new Error(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      }
    },
  };
}
