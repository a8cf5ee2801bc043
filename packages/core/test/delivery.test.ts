import { describe, expect, it, vi } from 'vitest';
import { createWebhooks, memoryDedupeStore, type DedupeStore } from '../src/index';
import { envelope, messagesValue, SECRET, signedPost, textItem, TOKEN } from './helpers';

const notification = (...items: unknown[]) =>
  envelope([[{ field: 'messages', value: messagesValue({ messages: items }) }]]);

describe('memoryDedupeStore', () => {
  it('claims, reports in-progress and processed, and forgets after ttl', () => {
    let now = 1000;
    const store = memoryDedupeStore({ ttl: 100, now: () => now });
    expect(store.claim(['a', 'b'], 50)).toEqual(['claimed', 'claimed']);
    expect(store.claim(['a'], 50)).toEqual(['in-progress']);
    store.commit(['a']);
    store.release(['b']);
    expect(store.claim(['a', 'b'], 50)).toEqual(['processed', 'claimed']);
    now += 51; // b's claim expired
    expect(store.claim(['b'], 50)).toEqual(['claimed']);
    now += 100; // a's processed mark expired
    expect(store.claim(['a'], 50)).toEqual(['claimed']);
  });

  it('release never drops a processed mark', () => {
    const store = memoryDedupeStore();
    store.claim(['a'], 1000);
    store.commit(['a']);
    store.release(['a']);
    expect(store.claim(['a'], 1000)).toEqual(['processed']);
  });

  it('is bounded: keeps at most max ids and forgets the oldest first', () => {
    const store = memoryDedupeStore({ max: 4 });
    store.claim(['a', 'b'], 1000);
    store.commit(['a', 'b']);
    store.claim(['c'], 1000);
    expect(store.claim(['a'], 1000)).toEqual(['processed']); // seen again: still the oldest
    store.claim(['d'], 1000);
    expect(store.size).toBe(4);
    store.claim(['e'], 1000); // past max: a, the first seen, goes
    expect(store.size).toBe(4);
    expect(store.claim(['b', 'a'], 1000)).toEqual(['processed', 'claimed']); // a is new again and evicts b
    expect(store.claim(['b'], 1000)).toEqual(['claimed']);
    for (let index = 0; index < 1000; index++) {
      store.claim([`id-${index}`], 1000);
      expect(store.size).toBe(4);
    }
    expect(store.claim(['id-996', 'id-997', 'id-998', 'id-999'], 1000)).toEqual(Array(4).fill('in-progress'));
  });

  it('answers like a plain model through 100 000 random operations with colliding slots (issue 17: hash table)', () => {
    // Differential check of the open-addressing table: a tiny capacity, so that probes wrap, collide and
    // shift back on every eviction; the model is a Map in first-seen order with the same semantics.
    let random = 12345;
    const next = (bound: number) => {
      random = (Math.imul(random, 1103515245) + 12345) >>> 0;
      return (random >>> 8) % bound;
    };
    for (const max of [2, 3, 7, 64]) {
      let now = 0;
      const store = memoryDedupeStore({ max, ttl: 500, now: () => now });
      const model = new Map<string, { until: number; processed: boolean }>();
      const remember = (id: string, state: { until: number; processed: boolean }) => {
        if (!model.has(id) && model.size === max) model.delete(model.keys().next().value!);
        model.set(id, Object.assign(model.get(id) ?? state, state));
      };
      for (let step = 0; step < 25_000; step++) {
        now += next(3);
        const ids = Array.from({ length: 1 + next(3) }, () => `wamid.${next(max * 3)}`);
        const operation = next(3);
        if (operation === 0) {
          const expected = ids.map((id) => {
            const state = model.get(id);
            if (state !== undefined && state.until > now) return state.processed ? 'processed' : 'in-progress';
            remember(id, { until: now + 100, processed: false });
            return 'claimed';
          });
          expect(store.claim(ids, 100)).toEqual(expected);
        } else if (operation === 1) {
          store.commit(ids);
          for (const id of ids) remember(id, { until: now + 500, processed: true });
        } else {
          store.release(ids);
          for (const id of ids) {
            const state = model.get(id);
            if (state !== undefined && !state.processed) state.until = -Infinity;
          }
        }
        expect(store.size).toBe(model.size);
      }
    }
  });

  it('commits an id whose entry was reused since its claim as a new id, not onto the other id', () => {
    const store = memoryDedupeStore({ max: 2 });
    expect(store.claim(['a'], 1000)).toEqual(['claimed']);
    store.commit(['x', 'y']); // never claimed: remembered anyway, and they push a out (its entry goes to y)
    store.commit(['a']); // the last claim still names a, but its entry now holds y
    expect(store.claim(['a', 'y'], 1000)).toEqual(['processed', 'processed']);
    expect(store.claim(['x'], 1000)).toEqual(['claimed']); // x was the oldest
  });

  it('refuses a max it cannot hold', () => {
    expect(() => memoryDedupeStore({ max: 1 })).toThrow(/max must be an integer from 2/);
    expect(() => memoryDedupeStore({ max: 2 ** 27 })).toThrow(/Redis or PostgreSQL/);
    expect(() => memoryDedupeStore({ ttl: 0 })).toThrow(/ttl must be a positive number/);
  });

  it('costs the same per event when full as when nearly empty (issue 17: no slowdown with fill)', () => {
    // A guard on complexity, not a timing claim: the ratio bound is generous (the benchmark holds the figures).
    const max = 100_000;
    let serial = 0;
    const freshIds = (count: number): string[] =>
      Array.from({ length: count }, () => `m:wamid.HBgNNTQ5MTE1NTU1MDAwMBUCABIYFDNB${serial++}`);
    const run = (store: ReturnType<typeof memoryDedupeStore>, ids: readonly string[]): number => {
      const started = performance.now();
      for (const id of ids) {
        const one = [id];
        store.claim(one, 60_000);
        store.commit(one);
      }
      return performance.now() - started;
    };
    const full = memoryDedupeStore({ max });
    run(full, freshIds(max * 2)); // filled, and past its capacity once
    const samples = Array.from({ length: 5 }, () => {
      const empty = memoryDedupeStore({ max }); // nearly empty again each round: 1 % of max
      run(empty, freshIds(max / 100));
      return [run(empty, freshIds(2_000)), run(full, freshIds(2_000))];
    });
    const median = (values: number[]) => values.sort((a, b) => a - b)[2]!;
    const ratio = median(samples.map(([, f]) => f!)) / median(samples.map(([e]) => e!));
    expect(ratio).toBeLessThan(5);
  });
});

describe('deduplication in handle()', () => {
  it('is on by default: a redelivered message is answered 200 without running handlers again', async () => {
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN });
    const handler = vi.fn();
    hooks.on('messages.text', handler);
    const body = notification(textItem());
    expect((await hooks.handle(signedPost(body))).status).toBe(200);
    expect((await hooks.handle(signedPost(body))).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('runs only the new events of a batch that mixes new and already processed ones', async () => {
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN });
    const bodies: string[] = [];
    hooks.on('messages.text', (event) => void bodies.push(event.message.text.body));
    const old = textItem('old');
    await hooks.handle(signedPost(notification(old)));
    await expect(hooks.receive(notification(textItem('new1'), old, textItem('new2')))).resolves.toEqual({
      delivered: 2,
      duplicates: 1,
      stale: 0,
    });
    expect(bodies).toEqual(['old', 'new1', 'new2']);
  });

  it('skips an event repeated inside one notification', async () => {
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN });
    const handler = vi.fn();
    hooks.on('messages.text', handler);
    const item = textItem();
    expect((await hooks.handle(signedPost(notification(item, item)))).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('releases the claim of a failed event so that the retry runs it, and keeps succeeded ones', async () => {
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN });
    hooks.onError(() => undefined);
    const attempts = new Map<string, number>();
    hooks.on('messages.text', (event) => {
      const count = (attempts.get(event.message.text.body) ?? 0) + 1;
      attempts.set(event.message.text.body, count);
      if (event.message.text.body === 'flaky' && count === 1) throw new Error('first attempt fails');
    });
    const body = notification(textItem('fine'), textItem('flaky'));
    expect((await hooks.handle(signedPost(body))).status).toBe(500);
    expect((await hooks.handle(signedPost(body))).status).toBe(200);
    expect((await hooks.handle(signedPost(body))).status).toBe(200);
    expect(Object.fromEntries(attempts)).toEqual({ fine: 1, flaky: 2 });
  });

  it('tells the store each outcome once: commits what succeeded, releases what failed, skips what was processed', async () => {
    const memory = memoryDedupeStore();
    const calls: Array<[string, readonly string[]]> = [];
    const store: DedupeStore = {
      claim: (ids, ttl) => (calls.push(['claim', [...ids]]), memory.claim(ids, ttl)),
      commit: (ids) => (calls.push(['commit', [...ids]]), memory.commit(ids)),
      release: (ids) => (calls.push(['release', [...ids]]), memory.release(ids)),
    };
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, dedupe: store });
    hooks.onError(() => undefined);
    hooks.on('messages.text', (event) => {
      const body = event.message.text.body;
      if (body === 'sync-fails') throw new Error(body);
      if (body === 'async-fails') return Promise.reject(new Error(body));
      return body === 'async-ok' ? Promise.resolve() : undefined;
    });
    const done = textItem('done');
    const id = (item: Record<string, unknown>) => `m:${String(item.id)}`;
    await hooks.handle(signedPost(notification(done)));
    calls.length = 0;
    const items = [textItem('ok'), textItem('sync-fails'), done, textItem('async-ok'), textItem('async-fails')];
    const response = await hooks.handle(signedPost(notification(...items)));
    expect(response.status).toBe(500);
    expect(calls).toEqual([
      ['claim', items.map(id)],
      ['commit', [id(items[0]!), id(items[3]!)]],
      ['release', [id(items[1]!), id(items[4]!)]],
    ]);
    // All succeeded: the claimed ids are committed as they are.
    calls.length = 0;
    const fine = [textItem('ok'), textItem('async-ok')];
    expect((await hooks.handle(signedPost(notification(...fine)))).status).toBe(200);
    expect(calls).toEqual([
      ['claim', fine.map(id)],
      ['commit', fine.map(id)],
    ]);
  });

  it('answers 503 EVENT_IN_PROGRESS to a concurrent delivery of an event still being processed, never 200', async () => {
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN });
    hooks.onError(() => undefined);
    let finish!: (fail: boolean) => void;
    const gate = new Promise<boolean>((resolve) => (finish = resolve));
    const handler = vi.fn(async () => {
      if (handler.mock.calls.length === 1 && (await gate)) throw new Error('processing failed');
    });
    hooks.on('messages.text', handler);
    const body = notification(textItem());
    const first = hooks.handle(signedPost(body));
    await new Promise((resolve) => setImmediate(resolve));
    const second = await hooks.handle(signedPost(body));
    expect(second.status).toBe(503);
    expect(second.headers['retry-after']).toBe('30');
    expect(JSON.parse(second.body).error.code).toBe('EVENT_IN_PROGRESS');
    finish(true);
    expect((await first).status).toBe(500);
    // The failure released the claim: Meta's next retry runs the handler again.
    expect((await hooks.handle(signedPost(body))).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it('answers 500 DEDUPE_UNAVAILABLE and runs nothing when the store fails', async () => {
    const broken: DedupeStore = {
      claim: () => Promise.reject(new Error('ECONNREFUSED')),
      commit: () => undefined,
      release: () => undefined,
    };
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, dedupe: broken });
    const errors = vi.fn();
    hooks.onError(errors);
    const handler = vi.fn();
    hooks.on('messages', handler);
    const response = await hooks.handle(signedPost(notification(textItem())));
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body).error.code).toBe('DEDUPE_UNAVAILABLE');
    expect(handler).not.toHaveBeenCalled();
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ code: 'DEDUPE_UNAVAILABLE' }));
  });

  it('dedupe: false runs every delivery', async () => {
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, dedupe: false });
    const handler = vi.fn();
    hooks.on('messages.text', handler);
    const body = notification(textItem());
    await hooks.handle(signedPost(body));
    await hooks.handle(signedPost(body));
    expect(handler).toHaveBeenCalledTimes(2);
  });
});

describe('acknowledgement', () => {
  it("ack: 'immediately' answers 200 before handlers finish and reports their failures to onError", async () => {
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, ack: 'immediately' });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const failed = new Promise((resolve) => hooks.onError(resolve));
    hooks.on('messages.text', async () => {
      await gate;
      throw new Error('late failure');
    });
    const response = await hooks.handle(signedPost(notification(textItem())));
    expect(response.status).toBe(200);
    release();
    await expect(failed).resolves.toMatchObject({ code: 'HANDLER_FAILED' });
  });

  it('handlerTimeout turns a hung handler into 500 HANDLER_TIMEOUT, and the late outcome is still committed', async () => {
    const hooks = createWebhooks({ appSecret: SECRET, verifyToken: TOKEN, handlerTimeout: 30 });
    const errors: unknown[] = [];
    hooks.onError((error) => void errors.push(error));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handler = vi.fn(() => gate);
    hooks.on('messages.text', handler);
    const body = notification(textItem());
    const response = await hooks.handle(signedPost(body));
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body).error.code).toBe('HANDLER_TIMEOUT');
    expect(errors).toEqual([expect.objectContaining({ code: 'HANDLER_TIMEOUT' })]);
    // Still running: a retry now must not be acknowledged.
    expect((await hooks.handle(signedPost(body))).status).toBe(503);
    release();
    await gate;
    await new Promise((resolve) => setImmediate(resolve));
    // Finished and committed: the next retry is a duplicate.
    expect((await hooks.handle(signedPost(body))).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
