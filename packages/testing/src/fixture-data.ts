/**
 * The built-in fixture kinds: one real (or Meta-documented) notification per event name of
 * `@wa-webhooks/core`. They are read from core's payload corpus (`packages/core/test/fixtures/payloads`,
 * the one copy in the repository) and, for the four bodies written for this package, from its own
 * `fixtures/` folder; `fixtures/SOURCES.md` says where each one comes from and its licence. Bundled at
 * build time, so the kinds work without a file system (edge runtimes included).
 */
import type { Row } from './fixture-row';
import { FIELD_ROWS } from './fixture-rows-fields';
import { MESSAGE_ROWS } from './fixture-rows-messages';

/** One built-in kind, as `FIXTURE_KINDS` lists it. */
export interface FixtureKind {
  /** The name to pass to `buildFixture()` or `wa-webhooks send`, e.g. `text`, `delivered`, `message_template_status_update`. */
  readonly name: string;
  /** The event name `@wa-webhooks/core` routes it to, e.g. `messages.text`, `statuses.delivered`. */
  readonly event: string;
  /** The webhook field (`changes[].field`). */
  readonly field: string;
  /** The fixture file it was built from, relative to the repository root (core's corpus, or this package's `fixtures/`). */
  readonly source: string;
  /** What it is, in one line. */
  readonly description: string;
}

const ROWS: readonly Row[] = [...MESSAGE_ROWS, ...FIELD_ROWS];

/**
 * Every built-in kind, in the order `wa-webhooks kinds` prints them: message types, interactive
 * replies, system messages, statuses, value-level errors, then one kind per other webhook field.
 */
export const FIXTURE_KINDS: readonly FixtureKind[] = ROWS.map(([name, event, field, source, description]) =>
  Object.freeze({ name, event, field, source, description }),
);

/** The fixture payload of a kind row, by name. Internal: `buildFixture()` copies and freshens it. */
export function fixturePayload(name: string): unknown {
  return ROWS.find((row) => row[0] === name)?.[5];
}
