/**
 * `buildFixture(kind)`: a copy of a built-in fixture with fresh ids, ready to sign and send.
 */
import type { WebhookPayload } from './builders';
import { UnknownKindError } from './errors';
import { FIXTURE_KINDS, fixturePayload, type FixtureKind } from './fixture-data';
import { freshWamid, nextEntryTime, unixTimestamp } from './ids';

/** Options of `buildFixture`. */
export interface BuildFixtureOptions {
  /**
   * Give the copy ids nobody has seen (default `true`): every message and status gets a fresh wamid
   * and the current `timestamp`, and every entry of another field a fresh `entry.time` (their event
   * ids are derived from it). `false` returns the fixture exactly as stored. Value-level `errors`
   * carry no id and no time, so a receiver that deduplicates handles each of them once.
   */
  readonly freshIds?: boolean;
}

/**
 * Looks a kind up by its name (`delivered`) or by its event name (`statuses.delivered`).
 * Returns `undefined` for anything else.
 */
export function findFixtureKind(nameOrEvent: string): FixtureKind | undefined {
  return (
    FIXTURE_KINDS.find((kind) => kind.name === nameOrEvent) ?? FIXTURE_KINDS.find((kind) => kind.event === nameOrEvent)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** Gives every id-bearing item of `payload` a fresh id, in place. */
function freshen(payload: WebhookPayload): void {
  const now = unixTimestamp();
  for (const entry of payload.entry) {
    let hasOtherField = false;
    for (const change of entry.changes) {
      if (change.field !== 'messages') {
        hasOtherField = true;
        continue;
      }
      for (const message of records(change.value.messages)) {
        message.id = freshWamid(typeof message.from === 'string' ? message.from : undefined);
        message.timestamp = now;
      }
      for (const status of records(change.value.statuses)) {
        status.id = freshWamid(typeof status.recipient_id === 'string' ? status.recipient_id : undefined);
        status.timestamp = now;
      }
    }
    if (hasOtherField) entry.time = nextEntryTime();
  }
}

/** Edit distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Up to three kind names close to `name`, closest first. */
export function suggestKinds(name: string): string[] {
  const scored = FIXTURE_KINDS.map((kind) => ({
    name: kind.name,
    score:
      kind.name.includes(name) || kind.event.includes(name)
        ? 0
        : Math.min(distance(name, kind.name), distance(name, kind.event)),
  }));
  const limit = Math.max(2, Math.floor(name.length / 3));
  return scored
    .filter((entry) => entry.score <= limit)
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    .map((entry) => entry.name);
}

/**
 * Builds the notification of a built-in kind (see `FIXTURE_KINDS`, or run `wa-webhooks kinds`): a deep
 * copy of its fixture with fresh ids, so each call is a new event for a receiver that deduplicates.
 *
 * @example
 * ```ts
 * const payload = buildFixture('button_reply'); // or buildFixture('messages.interactive.button_reply')
 * ```
 * @throws UnknownKindError for a name that is neither a kind nor the event name of one.
 */
export function buildFixture(kind: string, options: BuildFixtureOptions = {}): WebhookPayload {
  const found = findFixtureKind(kind);
  if (found === undefined) throw new UnknownKindError(kind, suggestKinds(kind));
  const payload = structuredClone(fixturePayload(found.name)) as WebhookPayload;
  if (options.freshIds !== false) freshen(payload);
  return payload;
}

export { FIXTURE_KINDS };
export type { FixtureKind };
