/** The row shape of the built-in kinds, shared by the two row tables. */

/** name, event, field, source (repository path), description, payload. */
export type Row = readonly [
  name: string,
  event: string,
  field: string,
  source: string,
  description: string,
  payload: unknown,
];

/** Core's payload corpus, the one copy of 55 of the fixtures. */
export const CORPUS = 'packages/core/test/fixtures/payloads/';
/** This package's own fixtures (four bodies written for it). */
export const OWN = 'packages/testing/fixtures/';
