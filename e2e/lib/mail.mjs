// Reads the e-mails the server under test wrote to its outbox folder
// (DATA/outbox, one .eml file per message, quoted-printable UTF-8 body).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** decodeQuotedPrintable turns a quoted-printable body back into text. */
function decodeQuotedPrintable(body) {
  const bytes = [];
  const text = body.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * waitForMail returns the text of the newest e-mail to `to` whose body
 * matches `pattern`, waiting up to timeoutMs for the mail job to write it.
 */
export async function waitForMail(dataDir, to, pattern, timeoutMs = 15_000) {
  const dir = join(dataDir, 'outbox');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let files = [];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().reverse();
    } catch { /* no outbox yet */ }
    for (const f of files) {
      const raw = readFileSync(join(dir, f), 'utf8');
      const [head, ...rest] = raw.split(/\r?\n\r?\n/);
      if (!new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(head)) continue;
      const body = decodeQuotedPrintable(rest.join('\n\n'));
      if (pattern.test(body)) return body;
    }
    if (Date.now() > deadline) throw new Error(`no e-mail to ${to} matching ${pattern} in ${dir}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
