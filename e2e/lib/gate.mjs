// The accessibility gate: axe-core, pa11y (HTML_CodeSniffer) and the keyboard
// check, run one after the other (they share the page and its focus).
import { checkAxe } from './axe.mjs';
import { checkKeyboard } from './keyboard.mjs';
import { checkPa11y } from './pa11y.mjs';

/**
 * checkPage runs every check on the page as it is now and returns the
 * findings: { tool, rule, message, selector, html }. js tells whether the
 * page runs JavaScript (without it, the gate pumps its own timers).
 */
export async function checkPage(page, js) {
  const findings = [];
  findings.push(...(await checkAxe(page, js)));
  findings.push(...(await checkPa11y(page, js)));
  findings.push(...(await checkKeyboard(page)));
  return findings;
}

/** formatFinding renders one finding on a few lines: page, tool, rule, element. */
export function formatFinding(pageLabel, f) {
  const html = (f.html || '').replace(/\s+/g, ' ').trim();
  return [
    `${pageLabel}: [${f.tool}] ${f.rule}`,
    `    ${f.message}`,
    `    element: ${f.selector || '(page)'}${html ? `  ${html.length > 160 ? `${html.slice(0, 157)}...` : html}` : ''}`,
  ].join('\n');
}
