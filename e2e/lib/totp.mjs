// TOTP codes (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits), so that
// journeys can sign in as staff with the demo accounts' published secrets.
import { createHmac } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** base32Decode turns an RFC 4648 base32 string (padding and case ignored) into bytes. */
export function base32Decode(text) {
  const clean = text.replace(/[=\s]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const index = alphabet.indexOf(ch);
    if (index < 0) throw new Error(`base32: invalid character ${JSON.stringify(ch)}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** totp returns the code for a base32 secret at a time in milliseconds (now by default). */
export function totp(secret, { now = Date.now(), step = 30, digits = 6 } = {}) {
  const counter = Math.floor(now / 1000 / step);
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', base32Decode(secret)).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

// sleepSync blocks the thread: journeys call totp() without await, and a
// wait of a few seconds between two page actions harms nothing.
function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * totpSequence returns a totp(secret) function for one run of the harness.
 * The server refuses a code twice (it remembers the last step used) and
 * accepts one step ahead, so each call returns the code of a step never used
 * before: the current one, else the next one, else it waits for the clock.
 */
export function totpSequence({ step = 30, clock = Date.now, sleep = sleepSync } = {}) {
  const lastUsed = new Map();
  return (secret) => {
    for (;;) {
      const now = clock();
      const current = Math.floor(now / 1000 / step);
      const wanted = Math.max(current, (lastUsed.get(secret) ?? -Infinity) + 1);
      if (wanted <= current + 1) {
        lastUsed.set(secret, wanted);
        return totp(secret, { now: wanted * step * 1000, step });
      }
      sleep((current + 1) * step * 1000 - now + 50);
    }
  };
}
