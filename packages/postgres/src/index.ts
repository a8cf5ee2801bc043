/**
 * `@wa-webhooks/postgres`: a deduplication store on PostgreSQL, so that several instances of your
 * webhook server (or several queue workers) process each WhatsApp event once, without running Redis.
 *
 * @module
 */
export { postgresDedupeStore } from './store';
export type { PostgresDedupeStore, PostgresDedupeStoreOptions, PostgresQueryable } from './store';
export { DEFAULT_TABLE, dedupeTableSql } from './sql';
export { MAX_RAW_KEY_BYTES, eventKey } from './keys';
