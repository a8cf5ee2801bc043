/**
 * What every shared dedupe store (Redis, PostgreSQL) must do over time and across instances, as
 * sequences of calls with their expected answers. Each store's suite calls them on its own backend,
 * next to the checks of its own layout (keys, rows).
 */
import type { DedupeStore } from '@wa-webhooks/core';
import { expect } from 'vitest';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `store` was made with a 60 ms ttl: claims expire after their claimTtl, processed ids after the ttl. */
export async function expectClaimsAndMarksExpire(store: DedupeStore): Promise<void> {
  expect(await store.claim(['x'], 50)).toEqual(['claimed']);
  await sleep(80);
  expect(await store.claim(['x'], 50)).toEqual(['claimed']);
  await store.commit(['x']);
  expect(await store.claim(['x'], 50)).toEqual(['processed']);
  await sleep(90);
  expect(await store.claim(['x'], 50)).toEqual(['claimed']);
}

/** Two instances on one backend: a release never drops a processed id or a claim the other holds. */
export async function expectReleaseSparesOthers(first: DedupeStore, second: DedupeStore): Promise<void> {
  expect(await first.claim(['e'], 50)).toEqual(['claimed']);
  await sleep(80); // first's claim expired
  expect(await second.claim(['e'], 10_000)).toEqual(['claimed']);
  await first.release(['e']); // must not drop second's claim
  expect(await first.claim(['e'], 10_000)).toEqual(['in-progress']);
  await second.commit(['e']);
  await second.release(['e']);
  expect(await first.claim(['e'], 10_000)).toEqual(['processed']);
}
