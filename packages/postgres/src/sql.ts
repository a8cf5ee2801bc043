/**
 * The SQL of the PostgreSQL dedupe store. Every operation is one statement, so each is atomic on its
 * own; rows are locked in key order in all of them, so that concurrent claims, commits and releases of
 * overlapping batches never deadlock. Times come from the database clock (`now()`), so instances with
 * skewed clocks agree on expiry.
 */

/** Table name used when none is given. */
export const DEFAULT_TABLE = 'wa_webhooks_dedupe';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

/** A table name (`name` or `schema.name`), checked and double-quoted. */
export interface TableName {
  /** The quoted, possibly schema-qualified name, for statements. */
  readonly quoted: string;
  /** The quoted name of its expiry index (in the table's schema). */
  readonly index: string;
}

/** Checks and quotes `table`; throws a `TypeError` that says what is allowed. */
export function tableName(table: string): TableName {
  const parts = table.split('.');
  if (parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
    throw new TypeError(
      `postgresDedupeStore: table must be a plain name or schema.name of letters, digits, _ and $ (up to 63 each), not ${JSON.stringify(table)}.`,
    );
  }
  const name = parts.at(-1)!;
  return { quoted: parts.map((part) => `"${part}"`).join('.'), index: `"${`${name}_expires_at`.slice(0, 63)}"` };
}

/**
 * The DDL of the dedupe table and its expiry index, for teams that run migrations themselves (then
 * pass `createTable: false`). `id` is the event id (or `#` and a hash for ids PostgreSQL cannot key);
 * `token` says which delivery holds a claim; `expires_at` is when a claim or a processed mark lapses.
 *
 * @example
 * ```ts
 * await pool.query(dedupeTableSql('wa_webhooks_dedupe'));
 * ```
 */
export function dedupeTableSql(table: string = DEFAULT_TABLE): string {
  const { quoted, index } = tableName(table);
  return `CREATE TABLE IF NOT EXISTS ${quoted} (
  id text PRIMARY KEY,
  token text,
  processed boolean NOT NULL DEFAULT false,
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ${index} ON ${quoted} (expires_at);
`;
}

/** The statements of one table. */
export interface Statements {
  /** Creates the table once across instances (an advisory lock serialises concurrent first uses). */
  readonly create: string;
  /** $1 keys, $2 tokens, $3 claim ttl in ms → one `state` per key, in order: 1 claimed, 2 processed, 3 in progress. */
  readonly claim: string;
  /** $1 keys, $2 ttl in ms. */
  readonly commit: string;
  /** $1 keys, $2 tokens: deletes only claims still holding these tokens. */
  readonly release: string;
  /** $1 most rows: deletes lapsed rows through the expiry index; rowCount says how many. */
  readonly cleanup: string;
}

/** Builds the statements for `table` (checked by `tableName`). */
export function statements(table: string): Statements {
  const { quoted: t } = tableName(table);
  const ms = `* interval '1 millisecond'`;
  return {
    create: `SELECT pg_advisory_xact_lock(hashtext('wa-webhooks dedupe ' || ${literal(table)}));\n${dedupeTableSql(table)}`,
    claim: `WITH input AS (
  SELECT key, token, ord FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS i(key, token, ord)
), claimed AS (
  INSERT INTO ${t} AS d (id, token, processed, expires_at)
  SELECT key, token, false, now() + $3::float8 ${ms} FROM input ORDER BY key
  ON CONFLICT (id) DO UPDATE SET token = excluded.token, processed = false, expires_at = excluded.expires_at
    WHERE d.expires_at <= now()
  RETURNING d.id
)
SELECT CASE WHEN c.id IS NOT NULL THEN 1 WHEN d.processed THEN 2 ELSE 3 END AS state
FROM input i LEFT JOIN claimed c ON c.id = i.key LEFT JOIN ${t} d ON d.id = i.key
ORDER BY i.ord`,
    commit: `INSERT INTO ${t} AS d (id, token, processed, expires_at)
SELECT key, NULL, true, now() + $2::float8 ${ms} FROM unnest($1::text[]) AS i(key) ORDER BY key
ON CONFLICT (id) DO UPDATE SET token = NULL, processed = true, expires_at = excluded.expires_at`,
    // `= ANY(ARRAY(…))` makes the delete find its rows through the primary key; `IN (…)` let the planner
    // hash-join against a scan of the whole table.
    release: `DELETE FROM ${t} WHERE id = ANY(ARRAY(
  SELECT d.id FROM ${t} d JOIN unnest($1::text[], $2::text[]) AS i(key, token)
    ON d.id = i.key AND d.token = i.token AND NOT d.processed
  ORDER BY d.id FOR UPDATE OF d
))`,
    cleanup: `DELETE FROM ${t} WHERE id = ANY(ARRAY(
  SELECT id FROM ${t} WHERE expires_at < now() ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED
))`,
  };
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
