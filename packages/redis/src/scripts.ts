/**
 * The Lua scripts of the Redis dedupe store. Each runs for one chunk of a notification's events; every
 * key shares the prefix's hash tag, so the scripts also run on Redis Cluster. Two instances (ioredis or
 * node-redis, any version) that run these scripts on one Redis deduplicate together: the key layout and
 * the values are the contract, not the client.
 */

/** The value of a processed event's key. Any other value is a claim token. */
export const PROCESSED = 'p';

/**
 * `SET NX PX` takes each claim atomically; an existing key says whether the event is done or in progress.
 * KEYS: the event keys; ARGV: one token per key, then the claim ttl in ms. Replies 1 claimed, 2
 * processed, 3 in progress, per key.
 */
export const CLAIM_SCRIPT = `
local ttl = ARGV[#KEYS + 1]
local states = {}
for index, key in ipairs(KEYS) do
  if redis.call('SET', key, ARGV[index], 'NX', 'PX', ttl) then
    states[index] = 1
  elseif redis.call('GET', key) == '${PROCESSED}' then
    states[index] = 2
  else
    states[index] = 3
  end
end
return states`;

/** Marks events processed whoever holds the claim: their handlers succeeded. ARGV[1]: the ttl in ms. */
export const COMMIT_SCRIPT = `
for _, key in ipairs(KEYS) do redis.call('SET', key, '${PROCESSED}', 'PX', ARGV[1]) end
return #KEYS`;

/**
 * Drops only our own claims: never a processed mark, never a claim another instance took after ours
 * expired. ARGV: one token per key.
 */
export const RELEASE_SCRIPT = `
local released = 0
for index, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[index] then released = released + redis.call('DEL', key) end
end
return released`;
