// The page-weight report (JSON under build/) and the tables printed at the end.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { budget, overBudget } from './weight.mjs';

/**
 * weightReport folds every visit into one row per page, keeping the heaviest
 * visit: { budget, pages: [{ page, bytes, requests, visits, over }] }.
 */
export function weightReport(visits) {
  const rows = new Map();
  for (const v of visits) {
    const row = rows.get(v.label) ?? { page: v.label, bytes: 0, requests: 0, visits: 0 };
    row.bytes = Math.max(row.bytes, v.bytes);
    row.requests = Math.max(row.requests, v.requests);
    row.visits += 1;
    rows.set(v.label, row);
  }
  const pages = [...rows.values()]
    .map((r) => ({ ...r, over: overBudget(r) }))
    .sort((a, b) => a.page.localeCompare(b.page));
  return { budget, pages };
}

/** writeJSON writes a value as indented JSON, creating the folder. */
export function writeJSON(path, value) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** table renders rows (arrays of strings) with aligned columns; numbers align right. */
export function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[\d.,% ]+$/.test(String(r[i]))));
  const line = (r) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

// shorten keeps long addresses (answers carried in the query) readable in a
// table; the JSON report keeps them whole.
const shorten = (text, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** weightTable renders the page-weight report as a table. */
export function weightTable(report) {
  return table(
    ['page', 'bytes', 'KB', 'requests', 'budget'],
    report.pages.map((p) => [shorten(p.page), p.bytes, (p.bytes / 1024).toFixed(1), p.requests, p.over ? `OVER: ${p.over}` : 'ok']),
  );
}
