/**
 * The README's first minute, end to end with real processes and ports: `pnpm start` at the repository
 * root starts this example, and the CLI line it prints (`pnpm exec wa-webhooks send text …`), run in a
 * second process at the root, gets 200 while the example logs the event. No secrets are configured
 * anywhere: the example and the CLI share the development defaults.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, type ExampleProcess } from '@wa-webhooks/test-kit';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Runs a shell-free command in the repository root and collects its output. */
function run(
  command: string,
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, WHATSAPP_APP_SECRET: '', WHATSAPP_VERIFY_TOKEN: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let example: ExampleProcess;
beforeAll(async () => {
  example = await startProcess('pnpm', ['start'], root);
});
afterAll(() => example?.stop());

describe('pnpm start, then pnpm exec wa-webhooks send text', () => {
  it('starts the Express example from the repository root', () => {
    expect(
      example.stdout.some((line) => line.startsWith('WhatsApp webhook (Express) listening on http://127.0.0.1:')),
    ).toBe(true);
  });

  it('delivers the signed test notification the start banner suggests, and the example logs it', async () => {
    const banner = example.stdout.find((line) => line.startsWith('Send a message: '))!;
    const command = /^Send a message: (pnpm exec wa-webhooks send text --url \S+) {3}\(/.exec(banner);
    expect(command, banner).not.toBeNull();
    const [pnpm, ...args] = command![1]!.split(' ');
    const sent = await run(pnpm!, args);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stderr).toContain(
      'signing with the public development secret "dev-app-secret" of the wa-webhooks examples',
    );
    const wamid = /^1\/1 {2}200 OK {2}\S+ ms {2}text (wamid\.\S+)$/m.exec(sent.stdout)?.[1];
    expect(wamid, sent.stdout).toBeDefined();
    await example.waitForLine((line) => line.startsWith(`messages.text m:${wamid!} from `));
  });
});
