// Runs the gate's asynchronous scripts in pages opened with JavaScript
// disabled. There Chromium still lets the DevTools protocol evaluate code and
// settle promises, but it never fires timers, and axe-core and
// HTML_CodeSniffer wait on setTimeout. So in those pages we replace the timer
// functions (no page script uses them: none runs) with a queue that the
// harness pumps from Node, honouring each timer's delay.

const pumpTimeoutMs = 60_000;

// installPump runs in the page: it swaps the timer functions for a queue and
// defines window.__guichetPump(), which fires the due timers and reports
// whether the pending evaluation has finished.
function installPump() {
  if (window.__guichetPump) return;
  const timers = new Map();
  let nextId = 1;
  const add = (fn, ms, args, every) => {
    const id = nextId++;
    timers.set(id, { fn, due: Date.now() + (Number(ms) || 0), args, every });
    return id;
  };
  window.setTimeout = (fn, ms, ...args) => add(fn, ms, args, 0);
  window.setInterval = (fn, ms, ...args) => add(fn, ms, args, Math.max(1, Number(ms) || 0));
  window.clearTimeout = (id) => { timers.delete(id); };
  window.clearInterval = window.clearTimeout;
  window.__guichetPending = null;
  window.__guichetPump = () => {
    const now = Date.now();
    const due = [...timers].filter(([, t]) => t.due <= now).sort((a, b) => a[1].due - b[1].due);
    for (const [id, t] of due) {
      if (!timers.has(id)) continue;
      if (t.every) t.due = now + t.every;
      else timers.delete(id);
      if (typeof t.fn === 'function') t.fn(...t.args);
    }
    const p = window.__guichetPending;
    return p && p.done ? { done: true, value: p.value, error: p.error } : { done: false };
  };
}

// startPending runs in the page: it calls the function given as source and
// keeps its outcome where __guichetPump() can report it.
function startPending({ source, arg }) {
  const state = { done: false };
  window.__guichetPending = state;
  Promise.resolve()
    .then(() => (0, eval)(`(${source})`)(arg))
    .then(
      (value) => { state.done = true; state.value = value; },
      (err) => { state.done = true; state.error = String((err && err.stack) || err); },
    );
}

/**
 * evaluateAsync evaluates fn(arg) in the page and returns its (awaited,
 * serialisable) result. With js=false it pumps the page's timers from here.
 */
export async function evaluateAsync(page, js, fn, arg) {
  if (js) return page.evaluate(fn, arg);
  await page.evaluate(installPump);
  await page.evaluate(startPending, { source: fn.toString(), arg });
  const deadline = Date.now() + pumpTimeoutMs;
  for (;;) {
    const state = await page.evaluate(() => window.__guichetPump());
    if (state.done) {
      if (state.error) throw new Error(`in the page: ${state.error}`);
      return state.value;
    }
    if (Date.now() > deadline) throw new Error('gate script did not finish within 60 s');
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** prepareScripts installs the timer queue before a library captures setTimeout. */
export async function prepareScripts(page, js) {
  if (!js) await page.evaluate(installPump);
}
