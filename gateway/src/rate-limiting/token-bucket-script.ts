/**
 * The token bucket of one key, run atomically inside Redis (one round trip,
 * exact across replicas): refills at `rate` per second up to `burst` by the
 * store's own clock (replicas' clocks never matter), draws one token when
 * there is one, and answers 0 (admitted) or the whole seconds to wait. The
 * key expires once the bucket would be full again, so the store holds the
 * active clients only.
 *
 * KEYS[1]: the hashed bucket key; ARGV[1]: rate per second; ARGV[2]: burst.
 */
export const TOKEN_BUCKET_SCRIPT = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) / 1000 * rate)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.max(1, math.ceil((1 - tokens) / rate))
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return wait
`;
