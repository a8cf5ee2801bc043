/**
 * The split between the two entries: `@wa-webhooks/core` holds what receiving webhooks needs (and the
 * item types), `@wa-webhooks/core/schemas` the zod schemas and catalogue tables. Checked on the sources
 * and on the built files, which Node resolves itself through the package's `exports` (ESM and CJS).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as root from '../../src/index';
import * as schemas from '../../src/schemas/index';

const run = promisify(execFile);
const packageRoot = join(import.meta.dirname, '..', '..');

function isSchema(value: unknown): boolean {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** A schema, or a table (possibly nested) of schemas. */
function isSchemaOrTable(value: unknown): boolean {
  if (isSchema(value)) return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).length > 0 &&
    Object.values(value).every(isSchemaOrTable)
  );
}

/** The values of `./schemas` that are neither schemas nor tables of schemas. */
const SCHEMA_HELPERS = ['STATUS_VALUES', 'WHATSAPP_OBJECT', 'parseResponseJson'];

describe('the entries', () => {
  it('the root exports no schema and no table of schemas', () => {
    expect(Object.keys(root).filter((name) => isSchemaOrTable(root[name as keyof typeof root]))).toEqual([]);
  });

  it('./schemas exports schemas, their tables and three helpers, nothing else', () => {
    const others = Object.keys(schemas).filter((name) => !isSchemaOrTable(schemas[name as keyof typeof schemas]));
    expect(others.sort()).toEqual([...SCHEMA_HELPERS].sort());
  });

  it('the root and ./schemas share no name', () => {
    expect(Object.keys(root).filter((name) => name in schemas)).toEqual([]);
  });

  // Node resolves `@wa-webhooks/core/schemas` from inside the package (a self-reference) to the built files.
  const script = (load: string): string =>
    `const m = ${load}; const text = { id: 'w', timestamp: '1', type: 'text', text: { body: 'b', later: 1 }, later: 2 };` +
    `console.log(JSON.stringify({ names: Object.keys(m).sort(), parsed: m.textMessageSchema.parse(text) }));`;

  it.each([
    ['import', ['--input-type=module', '-e', script("await import('@wa-webhooks/core/schemas')")]],
    ['require', ['--input-type=commonjs', '-e', script("require('@wa-webhooks/core/schemas')")]],
  ])('are built: ./schemas through %s', async (_how, args) => {
    const { stdout } = await run(process.execPath, args, { cwd: packageRoot });
    const result = JSON.parse(stdout) as { names: string[]; parsed: unknown };
    expect(result.names).toEqual(Object.keys(schemas).sort());
    expect(result.parsed).toEqual({ id: 'w', timestamp: '1', type: 'text', text: { body: 'b', later: 1 }, later: 2 });
  });
});
