/**
 * Job ids of events. BullMQ refuses custom job ids that are integers (`12345`), `0` or start with `0:`,
 * or hold a `:` (except its own repeat ids), and an empty id makes it generate one (no longer
 * deterministic); BullMQ's PostgreSQL backend keys jobs by a btree index (entries of at most 2 704 bytes)
 * in a `text` column (no U+0000). A refused job fails every POST that carries the event, and Meta
 * retries it for 7 days. So every job id gets a prefix, and an escape or a hash where needed.
 */
import { createHash } from 'node:crypto';

/** Prefix of job ids that hold the (escaped) event id. */
export const JOB_ID_PREFIX = 'wa.';
/** Prefix of job ids that hold a SHA-256 of the event id instead (long or unusual ids). */
export const HASHED_JOB_ID_PREFIX = 'wa#';
/** Longest job id, in bytes of UTF-8, that keeps the event id readable. */
export const MAX_JOB_ID_BYTES = 256;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// `%` first, so that the escape can be read back; `:` for BullMQ, NUL for PostgreSQL's `text`.
// eslint-disable-next-line no-control-regex
const ESCAPED = /[%:\u0000]/g;
const escapes: Record<string, string> = { '%': '%25', ':': '%3A', '\u0000': '%00' };

/**
 * The job id of an event id: `wa.` and the event id with `%`, `:` and NUL escaped (`wa.wamid.HBgL…`,
 * `wa.wamid.HBgL…%3Aread%3A1555…`), or `wa#` and the SHA-256 of the event id when that would exceed
 * `MAX_JOB_ID_BYTES` bytes or the id is not well-formed Unicode. Deterministic, valid on BullMQ 5 and 6
 * (Redis and PostgreSQL) for any string, and distinct for distinct ids.
 */
export function toJobId(eventId: string): string {
  if (!LONE_SURROGATE.test(eventId)) {
    const jobId = JOB_ID_PREFIX + eventId.replace(ESCAPED, (character) => escapes[character]!);
    if (jobId.length * 3 <= MAX_JOB_ID_BYTES || Buffer.byteLength(jobId, 'utf8') <= MAX_JOB_ID_BYTES) return jobId;
  }
  // UTF-16 code units, so that lone surrogates hash apart too.
  return HASHED_JOB_ID_PREFIX + createHash('sha256').update(Buffer.from(eventId, 'utf16le')).digest('hex');
}
