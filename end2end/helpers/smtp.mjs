// A real SMTP server for the browser tests: server/tests/tools/smtp_sink.py (PyPI's
// aiosmtpd, which scripts/test installs), and the mails it accepted.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, '..', '..', 'server', 'tests', 'tools', 'smtp_sink.py');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts the sink: { url, mails(), waitFor(to, test), stop() }. */
export async function startSink() {
  const port = await freePort();
  const file = join(mkdtempSync(join(tmpdir(), 'piazza-smtp-')), 'received.jsonl');
  const python = process.env.PIAZZA_TEST_PYTHON || 'python3';
  const child = spawn(python, [script, '127.0.0.1', String(port), file], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`the SMTP sink stopped (${code}): is aiosmtpd installed?`)));
    child.stdout.on('data', (d) => { if (d.toString().includes('ready')) resolve(); });
  });
  const mails = () => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    /** The first mail to `to` that passes `test`, waiting up to 30 s for it. */
    async waitFor(to, test = () => true) {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const found = mails().find((m) => m.to === to && test(m));
        if (found) return found;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`no mail to ${to}; got: ${mails().map((m) => `${m.to}: ${m.subject}`).join('; ')}`);
    },
    stop() { child.kill('SIGTERM'); },
  };
}
