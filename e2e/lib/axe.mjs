// The axe-core check: WCAG 2.0 and 2.1, levels A and AA.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { evaluateAsync, prepareScripts } from './timers.mjs';

// The minified build: V8 compiles it in each page, and the full one takes
// twice as long.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axeTags are the rule tags the gate enforces. */
export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function runAxe(tags) {
  return window.axe
    .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({
      rule: v.id,
      message: v.help,
      help: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        selector: n.target.join(' '),
        html: n.html,
        summary: n.failureSummary,
      })),
    })));
}

/**
 * checkAxe runs axe-core in the page and returns one finding per element at
 * fault: { tool: 'axe', rule, message, selector, html }.
 */
export async function checkAxe(page, js) {
  await prepareScripts(page, js);
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(axeSource);
  const violations = await evaluateAsync(page, js, runAxe, axeTags);
  return violations.flatMap((v) => v.nodes.map((n) => ({
    tool: 'axe',
    rule: v.rule,
    message: `${v.message} (${n.summary.replace(/\s+/g, ' ').trim()})`,
    selector: n.selector,
    html: n.html,
  })));
}
