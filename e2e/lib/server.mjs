// Starts the real guichet binary with demo data on a free loopback port and a
// temporary data folder, and stops it again whatever happens.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** freePort asks the kernel for a loopback port that nobody listens on. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * parseAccounts reads the demo accounts table that `guichet serve --demo`
 * prints (ROLE, E-MAIL, PASSWORD, TOTP SECRET) into an object keyed by role.
 */
export function parseAccounts(output) {
  const accounts = {};
  for (const line of output.split('\n')) {
    const m = line.trim().match(/^([a-z_]+)\s+(\S+@\S+)\s+(\S+)\s+(\S+)$/);
    if (!m) continue;
    const [, role, email, password, secret] = m;
    const totpSecret = /^[A-Z2-7]{16,}$/.test(secret) ? secret : '';
    accounts[role] ??= { role, email, password, totpSecret };
  }
  return accounts;
}

async function waitReady(baseURL, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`guichet exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${baseURL}/readyz`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`guichet did not answer ${baseURL}/readyz within ${timeoutMs / 1000} s`);
}

/**
 * startProviders runs bin/oidctest (strict test providers playing
 * FranceConnect and ProConnect) for Guichet at baseURL, and returns
 * { issuers: { franceconnect, proconnect }, stop() }, or null without the binary.
 */
async function startProviders(bin, baseURL) {
  const oidctest = join(dirname(bin), 'oidctest');
  if (!existsSync(oidctest)) return null;
  const child = spawn(oidctest, ['--guichet', baseURL], { stdio: ['ignore', 'pipe', 'inherit'] });
  const issuers = {};
  await new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`oidctest exited with code ${code}`)));
    child.stdout.on('data', (d) => {
      out += d;
      for (const m of out.matchAll(/^(\S+) (http\S+)$/gm)) issuers[m[1]] = m[2];
      if (issuers.franceconnect && issuers.proconnect) resolve();
    });
  });
  process.once('exit', () => { if (child.exitCode === null) child.kill('SIGKILL'); });
  return { issuers, stop: () => { if (child.exitCode === null) child.kill('SIGTERM'); } };
}

/**
 * startServer runs `bin serve --addr 127.0.0.1:PORT --data TMP --demo`, waits
 * for /readyz, and returns { baseURL, accounts, dataDir, output(), stop() }.
 */
export async function startServer({ bin, timeoutMs = 60_000 }) {
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), 'guichet-e2e-data-'));
  const baseURL = `http://127.0.0.1:${port}`;
  // Sign-in with FranceConnect (citizens) and ProConnect (staff), against test providers.
  const providers = await startProviders(bin, baseURL);
  const oidcFlags = providers ? [
    '--oidc-profile', 'franceconnect', '--oidc-issuer', providers.issuers.franceconnect,
    '--oidc-client-id', 'guichet', '--oidc-client-secret', 's3cret',
    '--proconnect-issuer', providers.issuers.proconnect,
    '--proconnect-client-id', 'guichet', '--proconnect-client-secret', 's3cret',
  ] : [];
  const child = spawn(bin, ['serve', '--addr', `127.0.0.1:${port}`, '--data', data, '--demo', ...oidcFlags], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
    providers?.stop();
    rmSync(data, { recursive: true, force: true });
  };
  // A crash or Ctrl-C of the runner must not leave the server behind.
  const onExit = () => { if (child.exitCode === null) child.kill('SIGKILL'); };
  process.once('exit', onExit);
  try {
    await waitReady(baseURL, child, timeoutMs);
  } catch (err) {
    await stop();
    throw new Error(`${err.message}\n--- guichet output ---\n${output}`);
  }
  // The demo table is printed after the listener is ready: give it a moment.
  for (let i = 0; i < 50 && Object.keys(parseAccounts(output)).length === 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return { baseURL, accounts: parseAccounts(output), dataDir: data, output: () => output, stop };
}
