-- One rate-limit step, atomically: the Lua mirror of algorithm.rs `apply` + `forget_at`.
-- KEYS[1] = state key; ARGV[1] = 56 bytes, the little-endian doubles kind, capacity, period,
-- extra, cost, now_ms, commit (0/1): one unpack instead of seven tonumber calls.
-- State value: 32 bytes, the little-endian doubles a, b, t, forget_at (another value reads as
-- no state). Returns {allowed (0/1), a, b, t} as integers.
-- Every number stays below 2^53 and every division is exact (idiv), so decisions equal Rust's,
-- and doubles, integer replies and '%d' carry them exactly. No float formatting or pattern
-- matching: they cost more than everything else here together.
local S = 1048576
local function idiv(x, y) return (x - math.fmod(x, y)) / y end

local kind, cap, period, extra, cost, now, commit = struct.unpack('<ddddddd', ARGV[1])

local has, a, b, t = false, 0, 0, 0
local raw = redis.call('GET', KEYS[1])
if raw and #raw == 32 then
  local x, y, z, f = struct.unpack('<dddd', raw)
  if f > now then has, a, b, t = true, x, y, z end
end
local eff = now
if has and t > now then eff = t end

local allowed
if kind == 1 then
  if not (has and idiv(t, period) == idiv(eff, period)) then a = 0 end
  b = 0
  allowed = a + cost <= cap
elseif kind == 2 then
  local old, cur = idiv(t, period), idiv(eff, period)
  if cur == old + 1 then a, b = b, 0 elseif cur ~= old then a, b = 0, 0 end
  local wf = idiv((period - (eff - cur * period)) * S, period)
  allowed = a * wf + b * S + cost * S <= cap * S
elseif kind == 3 then
  local full = cap * 1000
  if not has then
    a = extra * 1000
  else
    local missing, elapsed = full - a, eff - t
    if missing <= 0 or elapsed >= idiv(missing + period - 1, period) then a = full else a = a + elapsed * period end
  end
  b = 0
  allowed = a >= cost * 1000
elseif kind == 4 then
  if not (has and eff < b + period + extra) then a, b = 0, eff end
  allowed = eff < b + period and a + cost <= cap
else
  if not has then a, b = 0, 0 end
  if cost > 0 then
    if eff >= a then a = eff + period end
    b = 1
  elseif b == 1 and eff >= a then
    b = 2
  end
  allowed = eff < a
end
t = eff

local closing = kind == 5 and b == 2
if closing then b = 0 end
if commit == 1 and ((kind == 5 and (cost > 0 or closing)) or (kind ~= 5 and cost > 0)) then
  if allowed and kind ~= 5 then
    if kind == 1 or kind == 4 then a = a + cost elseif kind == 2 then b = b + cost elseif kind == 3 then a = a - cost * 1000 end
  end
  local forget
  if kind == 1 then forget = (idiv(t, period) + 1) * period
  elseif kind == 2 then forget = (idiv(t, period) + 2) * period
  elseif kind == 3 then
    local missing = cap * 1000 - a
    if missing < 0 then missing = 0 end
    forget = t + idiv(missing + period - 1, period)
  elseif kind == 4 then forget = b + period + extra
  else forget = a + period end
  local ttl = forget - now
  if ttl < 1 then ttl = 1 end
  redis.call('SET', KEYS[1], struct.pack('<dddd', a, b, t, forget), 'PX', string.format('%d', ttl))
end
local reply_b = b
if closing then reply_b = 2 end
return {allowed and 1 or 0, a, reply_b, t}
