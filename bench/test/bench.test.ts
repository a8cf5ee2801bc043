/** The benchmark measures what it says: its bodies are real, signed notifications, and the floor counts every item. */
import { createWebhooks } from '@wa-webhooks/core';
import { describe, expect, it } from 'vitest';
import { BENCH_SECRET, benchBodies, metaJson } from '../src/bodies';
import { compare, table } from '../src/harness';

describe('bench bodies', () => {
  it('are Meta-escaped, of the announced sizes, and accepted by core with every event delivered', async () => {
    const sizes = benchBodies().map((body) => body.bytes.length);
    expect(sizes[0]).toBeLessThan(1024);
    expect(sizes[1]).toBeGreaterThan(15_000);
    expect(sizes[1]).toBeLessThan(25_000);
    expect(sizes[2]).toBeGreaterThan(2_900_000);
    expect(sizes[2]).toBeLessThan(3_400_000);
    for (const body of benchBodies()) {
      expect(body.text).toMatch(/^[\x20-\x7e]+$/);
      const webhooks = createWebhooks({ appSecret: BENCH_SECRET, verifyToken: 'b', dedupe: false });
      let events = 0;
      webhooks.on('messages.text', () => void events++);
      const response = await webhooks.handle({
        method: 'POST',
        url: '/webhook',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': body.signature },
        readBody: async () => body.bytes,
      });
      expect(response.status).toBe(200);
      expect(events).toBe(body.events);
    }
  });

  it('escapes like Meta', () => {
    expect(metaJson({ a: 'café/✓' })).toBe('{"a":"caf\\u00e9\\/\\u2713"}');
  });
});

describe('harness', () => {
  it('ranks a slower contender slower and renders a table', async () => {
    const spin = (n: number) => () => {
      let sum = 0;
      for (let index = 0; index < n; index++) sum += index;
      return sum;
    };
    const [fast, slow] = await compare(
      [
        { name: 'fast', run: spin(100) },
        { name: 'slow', run: spin(10_000) },
      ],
      { rounds: 5, roundMs: 5, warmupMs: 20 },
    );
    expect(slow!.microseconds).toBeGreaterThan(fast!.microseconds);
    expect(table(['a', 'b'], [[1, 'two']])).toBe('| a | b   |\n| - | --- |\n| 1 | two |');
  });
});
