/**
 * `@wa-webhooks/redis`: a deduplication store on Redis, so that several instances of your webhook
 * server (or several queue workers) process each WhatsApp event once.
 *
 * Works with ioredis (the client BullMQ uses; `Redis` and `Cluster`, ioredis 5 and 6) and with
 * node-redis (`createClient()` and `createCluster()`, redis 5 and 6): both run the same Lua scripts on
 * the same keys, so instances on either library deduplicate together.
 *
 * @module
 */
export { DEFAULT_CHUNK_SIZE, redisDedupeStore } from './store';
export type { RedisDedupeStore, RedisDedupeStoreOptions } from './store';
export type { IoredisClient, NodeRedisClient, RedisClientKind, RedisDedupeClient } from './clients';
