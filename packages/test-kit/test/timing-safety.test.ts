/**
 * Timing safety (issue 9): the signature and verify-token comparisons use the timing-safe primitives,
 * and no secret is compared with === anywhere in packages/*\/src (a lint rule, run as a test, and tested
 * itself on seeded violations).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { findSecretComparisons, isSecretName } from '../src/secret-compare';

const PACKAGES = fileURLToPath(new URL('../../', import.meta.url));
const CORE = join(PACKAGES, 'core');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(c|m)?tsx?$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every source file of every package (src/ only: tests compare secrets on purpose). */
function allPackageSources() {
  return readdirSync(PACKAGES)
    .map((name) => join(PACKAGES, name, 'src'))
    .filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    .flatMap(sourceFiles)
    .map((path) => ({ fileName: relative(PACKAGES, path), text: readFileSync(path, 'utf8') }));
}

const check = (text: string) => findSecretComparisons([{ fileName: 'seeded.ts', text }]).map((found) => found.text);

describe('no secret is compared with === (lint rule over packages/*/src)', () => {
  it('finds no comparison of a secret, token, signature, HMAC or digest in any package source', () => {
    const files = allPackageSources();
    expect(files.length).toBeGreaterThan(20);
    expect(findSecretComparisons(files).map((found) => `${found.file}:${found.line}: ${found.text}`)).toEqual([]);
  });
});

describe('the rule itself', () => {
  it.each([
    ['a direct ===', `function f(signature: string, expected: string) { return signature === expected; }`],
    [
      '!== on a property',
      `function f(config: { appSecret: string }, x: string) { if (config.appSecret !== x) throw 1; }`,
    ],
    ['loose ==', `function f(verifyToken: string, x: string) { return verifyToken == x; }`],
    [
      'an alias',
      `function f(options: { verifyToken: string }, x: string) { const t = options.verifyToken; return x === t; }`,
    ],
    [
      'an alias of an alias',
      `function f(appSecret: string, x: string) { const a = appSecret; let b = ''; b = a; return b === x; }`,
    ],
    [
      'a renamed destructuring',
      `function f(options: { appSecret: string }, x: string) { const { appSecret: s } = options; return s === x; }`,
    ],
    ['parentheses and as', `function f(token: unknown, x: string) { return ((token as string)) === x; }`],
    ['a non-null assertion', `function f(token: string | undefined, x: string) { return token! === x; }`],
    ['String()', `function f(token: unknown, x: string) { return String(token) === x; }`],
    ['a template literal', `function f(token: string, x: string) { return \`\${token}\` === x; }`],
    ['concatenation', `function f(token: string, x: string) { return token + '' === x; }`],
    [
      'trim/toLowerCase chains',
      `function f(signature: string, x: string) { return signature.trim().toLowerCase() === x; }`,
    ],
    ['a slice', `function f(signature: string, x: string) { return signature.slice(7) === x; }`],
    [
      'Buffer.from(...).toString()',
      `function f(secret: string, x: string) { return Buffer.from(secret).toString('hex') === x; }`,
    ],
    [
      'a computed HMAC',
      `import { createHmac } from 'node:crypto'; function f(key: string, body: string, header: string) { return createHmac('sha256', key).update(body).digest('hex') === header; }`,
    ],
    [
      'bytes compared one by one',
      `function f(digest: Uint8Array, actual: Uint8Array) { for (let i = 0; i < 32; i++) if (digest[i] !== actual[i]) return false; return true; }`,
    ],
    [
      'a header read by name',
      `function f(headers: Record<string, string>, expected: string) { return headers['x-hub-signature-256'] === expected; }`,
    ],
    [
      'a helper that compares its parameters',
      `function same(a: string, b: string) { return a === b; } function f(appSecret: string, x: string) { return same(appSecret, x); }`,
    ],
    [
      'an arrow helper',
      `const eq = (a: string, b: string) => a === b; function f(verifyToken: string, x: string) { return eq(x, verifyToken); }`,
    ],
    [
      'a getter that returns the secret',
      `function key(o: { appSecret: string }) { return o.appSecret; } function f(o: { appSecret: string }, x: string) { return key(o) === x; }`,
    ],
    [
      'a loop over secrets',
      `function f(secrets: string[], x: string) { for (const s of secrets) if (s === x) return true; return false; }`,
    ],
    [
      'a callback over secrets',
      `function f(appSecrets: string[], x: string) { return appSecrets.some((s) => s === x); }`,
    ],
    ['Object.is', `function f(token: string, x: string) { return Object.is(token, x); }`],
    ['switch', `function f(token: string) { switch (token) { case 'abc': return 1; } return 0; }`],
    ['includes', `function f(tokens: string[], token: string) { return ['a', 'b'].includes(token); }`],
    ['startsWith', `function f(signature: string, x: string) { return signature.startsWith(x); }`],
    ['Buffer#equals', `function f(digest: Buffer, x: Buffer) { return digest.equals(x); }`],
    ['Buffer.compare', `function f(digest: Buffer, x: Buffer) { return Buffer.compare(digest, x) === 0; }`],
    ['a hard-coded secret', `const APP_SECRET = 'abc'; function f(x: string) { return x === APP_SECRET; }`],
    ['a private field', `class A { #secret = 'a'; check(x: string) { return this.#secret === x; } }`],
  ])('flags %s', (_label, code) => {
    expect(check(code)).not.toEqual([]);
  });

  it.each([
    [
      'presence and empty checks',
      `function f(secret: string | undefined) { return secret === undefined || secret === null || secret === ''; }`,
    ],
    ['typeof checks', `function f(secret: unknown) { return typeof secret !== 'string'; }`],
    [
      'length checks',
      `function f(signature: string, token: Uint8Array) { return signature.length !== 71 || token.byteLength === 0; }`,
    ],
    [
      'metadata about a secret',
      `function f(signature: { reason: string }, SIGNATURE_HEADER: string, name: string) { return signature.reason === 'missing' || SIGNATURE_HEADER === name; }`,
    ],
    ['numeric constants', `const DIGEST_BYTES = 32; function f(n: number) { return n === DIGEST_BYTES * 2; }`],
    [
      'a boolean option',
      `function f(options: { probeWrongToken?: boolean }) { return options.probeWrongToken !== false; }`,
    ],
    [
      'the result of a constant-time loop',
      `function f(a: Uint8Array, digest: Uint8Array) { let diff = 0; for (let i = 0; i < 32; i++) diff |= a[i]! ^ digest[i]!; return diff === 0; }`,
    ],
    [
      'timingSafeEqual',
      `import { timingSafeEqual } from 'node:crypto'; function f(digest: Buffer, x: Buffer) { return timingSafeEqual(digest, x); }`,
    ],
    ['ordinary comparisons', `function f(id: string, status: string) { return id === status; }`],
    ['members of an enum-like object', `function f(kind: number) { return kind === ts.SyntaxKind.CommaToken; }`],
    [
      'the result of a predicate',
      `function isSecretName(name: string) { return name.length > 3; } function f(name: string) { return isSecretName(name) === true; }`,
    ],
  ])('allows %s', (_label, code) => {
    expect(check(code)).toEqual([]);
  });

  it('reads names the way the rule says', () => {
    expect(
      ['appSecret', 'verifyToken', 'x-hub-signature-256', 'hmac', 'expectedDigest', 'API_KEY', '_secret'].map(
        isSecretName,
      ),
    ).toEqual([true, true, true, true, true, true, true]);
    expect(['SIGNATURE_HEADER', 'tokenLength', 'signatureReason', 'headers', 'id'].map(isSecretName)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('reports the file and line of a seeded violation among real files', () => {
    const files = [
      ...allPackageSources(),
      {
        fileName: 'core/src/seeded.ts',
        text: `\nexport function leak(appSecret: string, x: string) {\n  return appSecret === x;\n}\n`,
      },
    ];
    expect(findSecretComparisons(files).map((found) => `${found.file}:${found.line}`)).toEqual([
      'core/src/seeded.ts:3',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------
// The compare paths of core, checked at the source.

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(join(CORE, path), 'utf8'), ts.ScriptTarget.Latest, true);
}

function findFunction(source: ts.SourceFile, name: string): ts.FunctionDeclaration {
  const found = source.statements.find(
    (statement): statement is ts.FunctionDeclaration =>
      ts.isFunctionDeclaration(statement) && statement.name?.text === name,
  );
  if (!found) throw new Error(`${source.fileName}: no function ${name}`);
  return found;
}

/** The names of every function called inside `node` (`f(…)` → f, `a.b.c(…)` → a.b.c). */
function callsIn(node: ts.Node): string[] {
  const calls: string[] = [];
  const visit = (child: ts.Node): void => {
    if (ts.isCallExpression(child)) calls.push(child.expression.getText().replace(/\s+/g, ''));
    ts.forEachChild(child, visit);
  };
  visit(node);
  return calls;
}

describe('core compares signatures and verify tokens with timing-safe functions', () => {
  it('routes #crypto to node:crypto on Node and to Web Crypto elsewhere', () => {
    const pkg = JSON.parse(readFileSync(join(CORE, 'package.json'), 'utf8')) as {
      imports: Record<string, Record<string, string>>;
    };
    expect(pkg.imports['#crypto']).toEqual({ node: './src/crypto/node.ts', default: './src/crypto/web.ts' });
  });

  it('node:crypto: the HMAC digest and the verify token are compared with timingSafeEqual', () => {
    const source = parse('src/crypto/node.ts');
    expect(source.text).toMatch(/import \{[^}]*\btimingSafeEqual\b[^}]*\} from 'node:crypto'/);
    expect(callsIn(findFunction(source, 'createHmacVerifier'))).toContain('timingSafeEqual');
    expect(callsIn(findFunction(source, 'constantTimeEqual'))).toContain('timingSafeEqual');
  });

  it('Web Crypto: the HMAC is checked with subtle.verify, the verify token with a loop that never exits early', () => {
    const source = parse('src/crypto/web.ts');
    expect(callsIn(findFunction(source, 'createHmacVerifier'))).toContain('globalThis.crypto.subtle.verify');
    const compare = findFunction(source, 'constantTimeEqual');
    const loops = compare.body!.statements.filter(ts.isForStatement);
    expect(loops).toHaveLength(1);
    const loop = loops[0]!;
    const kinds: ts.SyntaxKind[] = [];
    const visit = (node: ts.Node): void => {
      kinds.push(node.kind);
      ts.forEachChild(node, visit);
    };
    visit(loop.statement);
    expect(kinds).not.toContain(ts.SyntaxKind.IfStatement);
    expect(kinds).not.toContain(ts.SyntaxKind.ReturnStatement);
    expect(kinds).not.toContain(ts.SyntaxKind.BreakStatement);
    expect(kinds).toContain(ts.SyntaxKind.BarEqualsToken);
    expect(kinds).toContain(ts.SyntaxKind.CaretToken);
    // The loop runs over the untrusted side whatever its content; lengths are folded in, not compared.
    expect(loop.condition?.getText()).toBe('index < b.length');
  });

  it('the signature verifier comes from #crypto, and readSignedBody() decides with it', () => {
    const signature = parse('src/signature.ts');
    expect(signature.text).toMatch(/import \{[^}]*\bcreateHmacVerifier\b[^}]*\} from '#crypto'/);
    expect(callsIn(findFunction(signature, 'createSignatureVerifier'))).toContain('createHmacVerifier');
    // The only place that decides on the signature: the verifier built from #crypto.
    const signedBody = parse('src/signed-body.ts');
    expect(callsIn(signedBody).filter((call) => /verifier|verifySignature|timingSafeEqual|subtle/i.test(call))).toEqual(
      ['options.verifier'],
    );
  });

  it('the handshake compares the verify token with constantTimeEqual from #crypto', () => {
    const handshake = parse('src/handshake.ts');
    expect(handshake.text).toMatch(/import \{[^}]*\bconstantTimeEqual\b[^}]*\} from '#crypto'/);
    expect(callsIn(findFunction(handshake, 'verifyHandshake'))).toContain('constantTimeEqual');
  });
});

describe('the allow directive', () => {
  it('allows a comparison preceded by // secret-compare-ok: <reason>, and only with a reason', () => {
    const allowed = `function f(secret: string, x: string) {\n  // secret-compare-ok: a test oracle\n  return secret === x;\n}`;
    const noReason = `function f(secret: string, x: string) {\n  // secret-compare-ok:\n  return secret === x;\n}`;
    expect([check(allowed), check(noReason)]).toEqual([[], ['secret === x']]);
  });

  it('flags a secret inside an array literal', () => {
    expect(check(`function f(token: string, x: string) { return [token].includes(x); }`)).not.toEqual([]);
  });
});
