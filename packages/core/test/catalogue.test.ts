/** The README's event catalogue is generated from the routing tables; this keeps it in step. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueRows, README, withCatalogue } from '../scripts/catalogue';
import { KNOWN_EVENT_NAMES } from '../src/routes';

describe('event catalogue', () => {
  it('lists every name on() accepts, once', () => {
    const names = catalogueRows().map((row) => row.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...KNOWN_EVENT_NAMES].sort());
  });

  it('is up to date in README.md (run `pnpm --filter @wa-webhooks/core catalogue` to regenerate)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(withCatalogue(readme)).toBe(readme);
  });

  it('describes every row', () => {
    for (const row of catalogueRows()) expect(row.what, row.name).toMatch(/^[A-Z`].*[.…*]$/);
  });
});
