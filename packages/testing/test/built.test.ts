import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURE_KINDS, signPayload } from '../src/index';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

// What the built package must do, as a consumer sees it (Node resolves the package's own name to dist/).
const CHECK = `
const payload = t.buildFixture('image');
const request = await t.createSignedRequest(payload, { secret: 'built', metaEscaping: true });
const body = await request.text();
console.log(JSON.stringify({
  kinds: t.FIXTURE_KINDS.length,
  escaped: body.includes('caf\\\\u00e9'),
  signed: request.headers.get('x-hub-signature-256') === (await t.signPayload(body, 'built')),
  text: t.buildTextMessage({ body: 'hi' }).entry[0].changes[0].value.messages[0].text.body,
  errors: [new t.UnknownKindError('x', []) instanceof t.TestingError, typeof t.sendNotification, typeof t.checkHandshake],
}));
`;

const EXPECTED = {
  kinds: FIXTURE_KINDS.length,
  escaped: true,
  signed: true,
  text: 'hi',
  errors: [true, 'function', 'function'],
};

// These run the files tsup wrote (`pnpm build`, which `pnpm test` runs first).
describe('the built package', () => {
  it('has been built', () => {
    expect(existsSync(new URL('../dist/index.js', import.meta.url)), 'run `pnpm build` first').toBe(true);
    expect(existsSync(new URL('../dist/cli.js', import.meta.url))).toBe(true);
  });

  it('works through import (ESM)', async () => {
    const script = `import * as t from '@wa-webhooks/testing';\n${CHECK}`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
    expect(JSON.parse(stdout)).toEqual(EXPECTED);
  });

  it('works through require (CJS)', async () => {
    const script = `const t = require('@wa-webhooks/testing');\n(async () => {${CHECK}})();`;
    const { stdout } = await run(process.execPath, ['--input-type=commonjs', '-e', script], { cwd: root });
    expect(JSON.parse(stdout)).toEqual(EXPECTED);
  });

  it('signs the same as the source', async () => {
    const script = `import { signPayload } from '@wa-webhooks/testing'; console.log(await signPayload('{"a":1}', 'k'));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
    expect(stdout.trim()).toBe(await signPayload('{"a":1}', 'k'));
  });
});
