import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createWebhooks, type KnownWebhookEvent, type UnknownEvent } from '@wa-webhooks/core';
import {
  fieldSchemas,
  interactiveSchemas,
  messageTypeSchemas,
  notificationSchema,
  STATUS_VALUES,
  systemSchemas,
} from '@wa-webhooks/core/schemas';
import { describe, expect, it } from 'vitest';
import { FIXTURE_KINDS, buildFixture, findFixtureKind, UnknownKindError, type FixtureKind } from '../src/index';

/** Every event name core routes to that is not a parent of others: the names a kind should exist for. */
function leafEventNames(): string[] {
  return [
    ...Object.keys(messageTypeSchemas)
      .filter((type) => type !== 'interactive' && type !== 'system')
      .map((type) => `messages.${type}`),
    ...Object.keys(interactiveSchemas).map((type) => `messages.interactive.${type}`),
    ...Object.keys(systemSchemas).map((type) => `messages.system.${type}`),
    ...STATUS_VALUES.map((status) => `statuses.${status}`),
    'errors',
    ...Object.keys(fieldSchemas),
  ];
}

async function receiveKind(
  kind: FixtureKind,
  payload: unknown,
): Promise<{ known: KnownWebhookEvent[]; unknown: UnknownEvent[] }> {
  const webhooks = createWebhooks({ appSecret: 'kinds-secret', verifyToken: 'kinds-token' });
  const known: KnownWebhookEvent[] = [];
  const unknown: UnknownEvent[] = [];
  // A handler on the kind's own name makes core check the item against its schema.
  webhooks.on(kind.event as 'messages.text', (event) => void known.push(event as KnownWebhookEvent));
  webhooks.onUnknown((event) => void unknown.push(event));
  await webhooks.receive(payload);
  return { known, unknown };
}

describe('FIXTURE_KINDS', () => {
  it('has one kind for every leaf event name of core, and nothing else', () => {
    expect(FIXTURE_KINDS.map((kind) => kind.event).sort()).toEqual(leafEventNames().sort());
  });

  it('has unique names that are stable identifiers', () => {
    const names = FIXTURE_KINDS.map((kind) => kind.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z_]*$/);
  });

  it('reads each fixture from its one copy in the repository (issue 15: 55 files were copied from core), each attributed in fixtures/SOURCES.md', () => {
    const root = new URL('../../../', import.meta.url);
    const own = new URL('../fixtures/', import.meta.url);
    const corpus = new URL('packages/core/test/fixtures/payloads/', root);
    for (const kind of FIXTURE_KINDS) expect(existsSync(new URL(kind.source, root)), kind.source).toBe(true);
    const ownFiles = readdirSync(own, { recursive: true })
      .map((name) => String(name).replaceAll('\\', '/'))
      .filter((name) => name.endsWith('.json'));
    expect(ownFiles.map((name) => `packages/testing/fixtures/${name}`).sort()).toEqual(
      FIXTURE_KINDS.map((kind) => kind.source)
        .filter((source) => source.startsWith('packages/testing/'))
        .sort(),
    );
    const corpusBytes = new Set(
      readdirSync(corpus, { recursive: true })
        .map(String)
        .filter((name) => name.endsWith('.json'))
        .map((name) => readFileSync(new URL(name, corpus), 'utf8')),
    );
    for (const name of ownFiles) expect(corpusBytes.has(readFileSync(new URL(name, own), 'utf8')), name).toBe(false);
    const sources = readFileSync(new URL('SOURCES.md', own), 'utf8');
    for (const kind of FIXTURE_KINDS) expect(sources).toContain(`| \`${kind.name}\` | \`${kind.source}\` |`);
  });

  it('finds kinds by name and by event name', () => {
    expect(findFixtureKind('delivered')?.event).toBe('statuses.delivered');
    expect(findFixtureKind('messages.interactive.button_reply')?.name).toBe('button_reply');
    expect(findFixtureKind('nope')).toBeUndefined();
  });
});

describe.each(FIXTURE_KINDS.map((kind) => [kind.name, kind] as const))('kind %s', (_name, kind) => {
  it("passes core's envelope schema and routes to exactly its event, with no onUnknown", async () => {
    const payload = buildFixture(kind.name);
    expect(notificationSchema.safeParse(payload).success).toBe(true);
    const { known, unknown } = await receiveKind(kind, payload);
    expect(unknown).toEqual([]);
    expect(known.map((event) => event.name)).toEqual([kind.event]);
    expect(known[0]!.id).not.toBe('');
  });

  it('gets fresh ids on every build, so deduplication runs each build', async () => {
    const first = await receiveKind(kind, buildFixture(kind.name));
    const second = await receiveKind(kind, buildFixture(kind.name));
    if (kind.event === 'errors') {
      // Value-level errors carry no id and no time: their event id only depends on the error itself.
      expect(second.known[0]!.id).toBe(first.known[0]!.id);
    } else {
      expect(second.known[0]!.id).not.toBe(first.known[0]!.id);
    }
  });

  it('is stored exactly as in the corpus with freshIds: false', () => {
    expect(buildFixture(kind.name, { freshIds: false })).toEqual(buildFixture(kind.name, { freshIds: false }));
  });
});

describe('buildFixture', () => {
  it('throws UnknownKindError with suggestions', () => {
    expect(() => buildFixture('delivred')).toThrowError(UnknownKindError);
    try {
      buildFixture('delivred');
    } catch (error) {
      expect((error as UnknownKindError).code).toBe('UNKNOWN_KIND');
      expect((error as UnknownKindError).suggestions[0]).toBe('delivered');
    }
  });

  it('returns a copy: changing it does not change the next build', () => {
    const payload = buildFixture('text', { freshIds: false });
    payload.entry[0]!.id = 'changed';
    expect(buildFixture('text', { freshIds: false }).entry[0]!.id).not.toBe('changed');
  });
});
