// Page weight: the bytes transferred and the requests made for each page,
// read from the DevTools protocol. The cache is disabled so every page costs
// what a first visit costs.

/** budget is the most a page may cost: bytes on the wire and requests. */
export const budget = { bytes: 30 * 1024, requests: 6 };

/**
 * recordWeight starts counting for a page. Every new top-level navigation
 * (a link, a form post, a visit) opens a new record; redirects belong to the
 * navigation that caused them. current() returns the record of the page now
 * shown: { id, method, url, bytes, requests, pending }; all() lists every record.
 */
export async function recordWeight(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let frameId = null;
  let current = null;
  let count = 0;
  const records = [];
  const byRequest = new Map();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!/^https?:/.test(e.request.url)) return;
    const topLevel = e.type === 'Document' && (frameId === null || e.frameId === frameId);
    if (topLevel && !e.redirectResponse) {
      frameId = e.frameId;
      count += 1;
      current = { id: count, method: e.request.method, url: e.request.url, bytes: 0, requests: 0, pending: 0 };
      records.push(current);
    }
    if (!current) return;
    if (e.redirectResponse) {
      // The redirect's response ends here: its bytes go to the same page.
      current.bytes += e.redirectResponse.encodedDataLength || 0;
      current.pending -= 1;
    }
    current.requests += 1;
    current.pending += 1;
    byRequest.set(e.requestId, current);
  });
  const finish = (e, bytes) => {
    const rec = byRequest.get(e.requestId);
    if (!rec) return;
    byRequest.delete(e.requestId);
    rec.bytes += bytes;
    rec.pending -= 1;
  };
  cdp.on('Network.loadingFinished', (e) => finish(e, e.encodedDataLength));
  cdp.on('Network.loadingFailed', (e) => finish(e, 0));
  return {
    current: () => (current ? { ...current } : null),
    all: () => records.map((r) => ({ ...r })),
    async settle(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (current && current.pending > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

/** overBudget returns why a weight record breaks the budget, or ''. */
export function overBudget(rec) {
  const reasons = [];
  if (rec.bytes > budget.bytes) reasons.push(`${rec.bytes} bytes > ${budget.bytes}`);
  if (rec.requests > budget.requests) reasons.push(`${rec.requests} requests > ${budget.requests}`);
  return reasons.join(', ');
}
