-- A longer Lua program for make advise (test/advise/test_advise.py): an event log that keeps a
-- bounded working set while it churns strings, tables and closures, so that the garbage collector
-- frees about as much as is allocated. `lua5.4 churn.lua N` makes about N x 50 000 allocation calls
-- with a live payload that stays near 1 MB whatever N is.
local rounds = tonumber(arg and arg[1]) or 1
local window, recent, seen, total = {}, {}, {}, 0
for r = 1, rounds * 2000 do
  local batch = {}
  for i = 1, 8 do
    local key = string.format("ev%05d:%d", (r * 7 + i * 13) % 512, i)
    local ev = { key = key, at = r, tags = { key:sub(1, 3), key:sub(-2) }, n = #key + i }
    batch[#batch + 1] = ev
    seen[key] = (seen[key] or 0) + 1
  end
  window[r % 100 + 1] = batch
  local s = {}
  for i, ev in ipairs(batch) do s[i] = ev.key .. "=" .. ev.n end
  recent[r % 64 + 1] = table.concat(s, ",")
  local f = function(x) return x + #recent[r % 64 + 1] end
  total = total + f(r) % 7
end
local keys = 0
for _ in pairs(seen) do keys = keys + 1 end
print(total, keys)
