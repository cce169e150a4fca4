-- A Lua workload for the LD_PRELOAD run: tables, strings, closures, coroutines and GC churn.
-- Deterministic output (no addresses, no hash-order iteration), so runs can be diffed.
-- arg[1] scales every loop (default 1): check-trust runs it smaller, since freelist's release is
-- O(free blocks) and Lua's collector frees many.
local scale = tonumber(arg and arg[1]) or 1
local function n(count) return math.max(1, math.floor(count * scale)) end
local function checksum(s)
  local h = 0
  for i = 1, #s, 7 do h = (h * 31 + s:byte(i)) % 4294967296 end
  return h
end

-- 1. tables of tables, grown and shrunk
local rows = {}
for i = 1, n(60000) do rows[i] = {id = i, name = "row" .. i, tags = {i % 7, i % 11, i % 13}} end
local sum = 0
for i = 1, #rows, 3 do rows[i] = nil end
for _, r in pairs(rows) do sum = sum + r.id + r.tags[2] end
print("tables", sum)

-- 2. string building, concatenation, gsub, format
local parts = {}
for i = 1, n(40000) do parts[#parts + 1] = string.format("%05d:%s", i, string.rep("x", i % 37)) end
local big = table.concat(parts, ",")
local replaced = big:gsub("x+", function(m) return tostring(#m) end)
print("strings", #big, #replaced, checksum(replaced))

-- 3. sort with a comparator, many short-lived strings
local words = {}
for i = 1, n(50000) do words[i] = string.char(97 + (i * 7) % 26, 97 + (i * 13) % 26, 97 + (i * 17) % 26) .. i end
table.sort(words, function(a, b) return a > b end)
print("sort", words[1], words[#words], words[n(25000)])

-- 4. closures and coroutines
local function counter(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i * i) end end)
end
local total = 0
for k = 1, n(300) do
  local f = counter(100)
  for _ = 1, 100 do total = total + f() end
end
print("coroutines", total)

-- 5. GC churn: a rolling window of live garbage, collected many times
local window, acc = {}, 0
for i = 1, n(200000) do
  window[i % 512] = {i, tostring(i), {i}}
  if i % n(20000) == 0 then collectgarbage("collect"); acc = acc + #window end
end
print("gc", acc)

-- 6. a hash table with string keys, counted and sorted before printing
local freq = {}
for i = 1, n(100000) do local k = "k" .. (i * 2654435761 % 997); freq[k] = (freq[k] or 0) + 1 end
local keys = {}
for k in pairs(freq) do keys[#keys + 1] = k end
table.sort(keys)
print("hash", #keys, keys[1], freq[keys[1]], keys[#keys], freq[keys[#keys]])
