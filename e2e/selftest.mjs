// The harness's own tests: a page with deliberate faults must fail the gate
// with messages that name the page, the rule and the element; a clean page
// must pass; the weight budget and the "every page is checked" rule must bite.
// Run with: node --test e2e/selftest.mjs
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { launchBrowser } from './lib/browser.mjs';
import { formatFinding } from './lib/gate.mjs';
import { openSession } from './lib/session.mjs';
import { base32Decode, totp, totpSequence } from './lib/totp.mjs';
import { overBudget } from './lib/weight.mjs';

const css = `
  body { font: 16px/1.5 sans-serif; color: #1a1a1a; background: #fff; margin: 0 1rem; }
  a { color: #0b4f9c; }
  a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #0b4f9c; outline-offset: 2px; }
  .no-ring:focus { outline: none; }
`;

const shell = (title, body) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="/style.css"></head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;

const pages = {
  '/propre': shell('Page propre', `
    <form method="get" action="/propre">
      <label for="nom">Votre nom</label> <input id="nom" name="nom" type="text">
      <button type="submit">Envoyer</button>
    </form>
    <p><a href="/propre">Revenir</a></p>`),
  // Two deliberate faults: a field without a label, a button without a name.
  '/fautive': shell('Page fautive', `
    <form method="get" action="/fautive">
      <input name="nom" type="text" id="sans-etiquette">
      <button type="submit" id="sans-nom"></button>
    </form>`),
  // A link whose focus cannot be seen.
  '/focus-invisible': shell('Focus invisible', `<p><a class="no-ring" id="lien-sans-focus" href="/propre">Aide</a></p>`),
  // A script traps Tab on the first link: the second is never reached.
  '/piege': shell('Piège', `<p><a id="piege" href="/propre">Un</a> <a id="inatteignable" href="/propre">Deux</a></p>
    <script>document.getElementById('piege').addEventListener('keydown', (e) => { if (e.key === 'Tab') e.preventDefault(); });</script>`),
  // Seven images: one request over the budget.
  '/lourde': shell('Page lourde', [...Array(7).keys()].map((i) => `<img src="/img/${i}.svg" alt="Image ${i}">`).join('')),
  // 40 KB of text that does not compress: over the byte budget.
  '/grosse': shell('Grosse page', `<p>${Array.from({ length: 40 * 1024 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz'[(i * 7919) % 26]).join('')}</p>`),
};

function serve() {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/style.css') return res.writeHead(200, { 'content-type': 'text/css' }).end(css);
    if (path.startsWith('/img/')) {
      return res.writeHead(200, { 'content-type': 'image/svg+xml' })
        .end('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>');
    }
    const html = pages[path];
    if (!html) return res.writeHead(404, { 'content-type': 'text/plain' }).end('absent');
    return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let server;
let chromium;
let baseURL;

before(async () => {
  server = await serve();
  baseURL = `http://127.0.0.1:${server.address().port}`;
  chromium = await launchBrowser();
});

after(async () => {
  await chromium?.close();
  server?.close();
});

// visitOnce opens one page in a fresh session and returns what the gate saw.
async function visitOnce(path, js) {
  const s = await openSession({ browser: chromium.browser, baseURL, js, accounts: {} });
  try {
    await s.helpers.visit(path);
    await s.finish();
    return { visits: s.visits, problems: s.problems };
  } finally {
    await s.close();
  }
}

const rules = (findings) => findings.map((f) => `${f.tool} ${f.rule} ${f.selector}`).sort();

for (const js of [true, false]) {
  describe(`gate with JavaScript ${js ? 'on' : 'off'}`, () => {
    test('a clean page passes', async () => {
      const { visits, problems } = await visitOnce('/propre', js);
      assert.deepEqual(problems, []);
      assert.equal(visits.length, 1);
      assert.deepEqual(rules(visits[0].findings), []);
    });

    test('a field without a label and a button without a name fail both tools', async () => {
      const { visits } = await visitOnce('/fautive', js);
      const got = rules(visits[0].findings);
      const want = [
        'axe button-name #sans-nom',
        'axe label #sans-etiquette',
        'pa11y WCAG2AA.Principle1.Guideline1_3.1_3_1.F68 #sans-etiquette',
        'pa11y WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.Button.Name #sans-nom',
      ];
      for (const w of want) assert.ok(got.includes(w), `missing finding ${w}; got:\n${got.join('\n')}`);
      const message = formatFinding('/fautive', visits[0].findings.find((f) => f.rule === 'label'));
      assert.match(message, /^\/fautive: \[axe\] label\n/);
      assert.match(message, /element: #sans-etiquette {2}<input name="nom"/);
    });

    test('a focus that cannot be seen fails the keyboard check', async () => {
      const { visits } = await visitOnce('/focus-invisible', js);
      assert.deepEqual(rules(visits[0].findings), ['keyboard focus-visible #lien-sans-focus']);
    });

    test('seven requests break the budget of six', async () => {
      const { visits } = await visitOnce('/lourde', js);
      assert.equal(visits[0].requests, 9); // The page, its CSS, seven images.
      assert.match(overBudget(visits[0]), /9 requests > 6/);
    });

    test('40 KB of page break the budget of 30 KB', async () => {
      const { visits } = await visitOnce('/grosse', js);
      assert.ok(visits[0].bytes > 40 * 1024, `bytes: ${visits[0].bytes}`);
      assert.match(overBudget(visits[0]), /bytes > 30720/);
    });
  });
}

test('an element that Tab never reaches fails the keyboard check', async () => {
  const { visits } = await visitOnce('/piege', true);
  assert.deepEqual(rules(visits[0].findings), ['keyboard tab-reachable #inatteignable']);
});

test('a page opened behind the runner and never checked fails the journey', async () => {
  const s = await openSession({ browser: chromium.browser, baseURL, js: false, accounts: {} });
  try {
    await s.page.goto(`${baseURL}/fautive`);
    await s.page.goto(`${baseURL}/propre`);
    await s.helpers.checkpoint();
    assert.equal(s.problems.length, 1);
    assert.match(s.problems[0], /the page \/fautive was opened but never checked/);
  } finally {
    await s.close();
  }
});

describe('totp', () => {
  // RFC 6238 appendix B, SHA-1 secret "12345678901234567890": the last six
  // digits of the published eight-digit codes.
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  const cases = [
    { time: 59, want: '287082' },
    { time: 1111111109, want: '081804' },
    { time: 1111111111, want: '050471' },
    { time: 1234567890, want: '005924' },
    { time: 2000000000, want: '279037' },
    { time: 20000000000, want: '353130' },
  ];
  for (const c of cases) {
    test(`at ${c.time}`, () => {
      assert.equal(totp(secret, { now: c.time * 1000 }), c.want);
    });
  }
  test('a sequence never gives the same step twice', () => {
    let now = 1111111109 * 1000; // 29 s into step 37037036.
    const waits = [];
    const next = totpSequence({ clock: () => now, sleep: (ms) => { waits.push(ms); now += ms; } });
    const got = [next(secret), next(secret), next(secret)];
    const want = [
      totp(secret, { now: 37037036 * 30000 }),
      totp(secret, { now: 37037037 * 30000 }),
      totp(secret, { now: 37037038 * 30000 }),
    ];
    assert.deepEqual(got, want);
    assert.deepEqual(waits, [1050]); // The third waits for step 37037037.
  });
  test('base32 decodes the RFC secret', () => {
    assert.equal(base32Decode(secret).toString(), '12345678901234567890');
  });
});
