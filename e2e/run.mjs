// Runs every journey under e2e/journeys twice (with and without JavaScript)
// against the real guichet binary, with the accessibility gate and the
// page-weight budget on every page. See e2e/README.md.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { launchBrowser } from './lib/browser.mjs';
import { formatFinding } from './lib/gate.mjs';
import { table, weightReport, weightTable, writeJSON } from './lib/report.mjs';
import { startServer } from './lib/server.mjs';
import { openSession } from './lib/session.mjs';
import { totpSequence } from './lib/totp.mjs';
import { overBudget } from './lib/weight.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const journeyTimeout = 120_000;

async function loadJourneys(only) {
  const dir = join(root, 'e2e', 'journeys');
  const files = readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort();
  const journeys = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(join(dir, file)).href);
    const j = mod.default;
    if (!j || typeof j.name !== 'string' || typeof j.run !== 'function') {
      throw new Error(`e2e/journeys/${file}: export default { name, run } is missing`);
    }
    if (!only || j.name.includes(only) || file.includes(only)) journeys.push({ ...j, file });
  }
  return journeys;
}

const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

async function saveArtefacts(page, name) {
  const dir = join(root, 'build', 'e2e');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true }).catch(() => {});
  const html = await page.content().catch(() => '');
  writeFileSync(join(dir, `${name}.html`), html);
  return join('build', 'e2e', `${name}.png`);
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// runOnce runs one journey in one mode and returns its outcome.
async function runOnce(journey, { browser, server, js, totp, gateCache }) {
  const mode = js ? 'JS on' : 'JS off';
  const session = await openSession({ browser, baseURL: server.baseURL, js, accounts: server.accounts, totp, gateCache, dataDir: server.dataDir });
  const errors = [];
  try {
    await withTimeout((async () => {
      await journey.run(session.helpers);
      await session.finish();
    })(), journey.timeout ?? journeyTimeout, 'the journey');
  } catch (err) {
    errors.push(err.message.split('\n').slice(0, 6).join('\n'));
  }
  errors.push(...session.problems);
  for (const v of session.visits) {
    const over = overBudget(v);
    if (over) errors.push(`${v.label} is over the page-weight budget: ${over}`);
    if (v.findings.length > 0) errors.push(`${v.label}: ${v.findings.length} accessibility fault(s)`);
  }
  let artefact = '';
  if (errors.length > 0) artefact = await saveArtefacts(session.page, `${slug(journey.name)}-${js ? 'js' : 'nojs'}`);
  await session.close();
  return { journey: journey.name, mode, js, errors, artefact, visits: session.visits };
}

function printFindings(outcomes) {
  const seen = new Set();
  const lines = [];
  for (const o of outcomes) {
    for (const v of o.visits) {
      for (const f of v.findings) {
        const key = [v.label, o.mode, f.tool, f.rule, f.selector].join('|');
        if (seen.has(key)) continue;
        seen.add(key);
        lines.push(formatFinding(`${v.label} (${o.mode})`, f));
      }
    }
  }
  if (lines.length > 0) console.log(`\nAccessibility faults (${lines.length}):\n${lines.join('\n')}`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', default: process.env.E2E_ONLY || '' },
      bin: { type: 'string', default: join(root, 'bin', 'guichet') },
      report: { type: 'string', default: join(root, 'build', 'page-weight.json') },
    },
  });
  const journeys = await loadJourneys(values.only);
  if (journeys.length === 0) throw new Error(`no journey matches ${JSON.stringify(values.only)}`);
  const server = await startServer({ bin: values.bin });
  const chromium = await launchBrowser();
  const stop = async () => { await chromium.close(); await server.stop(); };
  process.once('SIGINT', () => stop().finally(() => process.exit(130)));
  process.once('SIGTERM', () => stop().finally(() => process.exit(143)));
  console.log(`guichet at ${server.baseURL}, Chromium ${chromium.browser.version()}, ${journeys.length} journeys`);
  const outcomes = [];
  const totp = totpSequence();
  const gateCache = new Map();
  try {
    for (const journey of journeys) {
      for (const js of [true, false]) {
        const started = Date.now();
        const o = await runOnce(journey, { browser: chromium.browser, server, js, totp, gateCache });
        outcomes.push(o);
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        console.log(`${o.errors.length === 0 ? 'ok  ' : 'FAIL'} ${journey.name} (${o.mode}, ${o.visits.length} pages, ${secs} s)`);
        for (const e of o.errors) console.log(`       ${e.replace(/\n/g, '\n       ')}`);
        if (o.artefact) console.log(`       screenshot: ${o.artefact}`);
      }
    }
  } finally {
    await stop();
    mkdirSync(join(root, 'build', 'e2e'), { recursive: true });
    writeFileSync(join(root, 'build', 'e2e', 'guichet.log'), server.output());
  }
  const report = weightReport(outcomes.flatMap((o) => o.visits));
  writeJSON(values.report, report);
  printFindings(outcomes);
  console.log(`\nPage weight (budget ${report.budget.bytes / 1024} KB and ${report.budget.requests} requests; written to ${values.report.replace(`${root}/`, '')}):`);
  console.log(weightTable(report));
  const failed = outcomes.filter((o) => o.errors.length > 0);
  console.log(`\n${table(['journey', 'JS on', 'JS off'], journeys.map((j) => [
    j.name,
    ...[true, false].map((js) => (outcomes.find((o) => o.journey === j.name && o.js === js).errors.length ? 'FAIL' : 'ok')),
  ]))}`);
  console.log(`\ne2e: ${outcomes.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length > 0 ? 1 : 0;
}

main().catch((err) => {
  console.error(`e2e: ${err.stack || err.message}`);
  process.exitCode = 1;
});
