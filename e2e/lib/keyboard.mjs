// The keyboard check: every visible interactive element is reached by Tab,
// and looks different when it has the focus (outline or box-shadow).

// Runs in the page: lists the visible interactive elements in document order,
// with their style when not focused.
function listInteractive() {
  const selector = [
    'a[href]', 'area[href]', 'button', 'input:not([type="hidden"])', 'select', 'textarea',
    'summary', 'iframe', '[tabindex]', '[contenteditable=""]', '[contenteditable="true"]',
  ].join(',');
  const describe = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
      if (e.id) { parts.unshift(`#${e.id}`); break; }
      const same = e.parentElement ? [...e.parentElement.children].filter((c) => c.tagName === e.tagName) : [];
      parts.unshift(same.length > 1 ? `${e.localName}:nth-of-type(${same.indexOf(e) + 1})` : e.localName);
    }
    return parts.join(' > ');
  };
  const visible = (el) => {
    if (el.closest('[inert]') || !el.checkVisibility({ visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const focusStyle = (el) => {
    const s = getComputedStyle(el);
    return {
      outline: s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0
        ? 'none' : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} ${s.outlineOffset}`,
      shadow: s.boxShadow,
    };
  };
  if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  // Start Tab from the top: focus a temporary, unfocusable-by-Tab marker
  // placed first in the body (Chromium tabs on from the last focused place).
  const start = document.createElement('span');
  start.tabIndex = -1;
  start.dataset.guichetStart = '';
  document.body.prepend(start);
  const found = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.disabled || el.tabIndex < 0 || !visible(el)) continue;
    found.push({
      index: found.length,
      selector: describe(el),
      html: el.outerHTML.slice(0, 200),
      radioGroup: el.type === 'radio' && el.name ? el.name : '',
      style: focusStyle(el),
    });
    el.dataset.guichetKeyboard = String(found.length - 1);
  }
  start.focus();
  return found;
}

// Runs in the page: which listed element has the focus, and its style now.
function focused() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  return {
    index: el.dataset.guichetKeyboard === undefined ? -1 : Number(el.dataset.guichetKeyboard),
    outline: s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0
      ? 'none' : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} ${s.outlineOffset}`,
    shadow: s.boxShadow,
  };
}

function cleanUp() {
  document.querySelector('[data-guichet-start]')?.remove();
  for (const el of document.querySelectorAll('[data-guichet-keyboard]')) delete el.dataset.guichetKeyboard;
  if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
}

/**
 * checkKeyboard presses Tab through the page from the top and returns
 * findings for elements never reached and for focus that cannot be seen:
 * { tool: 'keyboard', rule, message, selector, html }.
 */
export async function checkKeyboard(page) {
  const elements = await page.evaluate(listInteractive);
  const reached = new Set();
  const findings = [];
  for (let i = 0; i < elements.length + 3; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(focused);
    if (!f) break; // Focus left the page: the cycle is over.
    if (f.index < 0) continue; // Focusable but not listed (not visible, say).
    if (reached.has(f.index)) break; // Back to the start.
    reached.add(f.index);
    const el = elements[f.index];
    if (f.outline === el.style.outline && f.shadow === el.style.shadow) {
      findings.push({
        tool: 'keyboard',
        rule: 'focus-visible',
        message: 'Focus is not visible: outline and box-shadow are the same with and without focus',
        selector: el.selector,
        html: el.html,
      });
    }
  }
  const reachedGroups = new Set(elements.filter((e) => reached.has(e.index) && e.radioGroup).map((e) => e.radioGroup));
  for (const el of elements) {
    if (reached.has(el.index) || (el.radioGroup && reachedGroups.has(el.radioGroup))) continue;
    findings.push({
      tool: 'keyboard',
      rule: 'tab-reachable',
      message: 'Not reached by pressing Tab from the top of the page',
      selector: el.selector,
      html: el.html,
    });
  }
  await page.evaluate(cleanUp);
  return findings;
}
