-- The Lua program of make bench (test/bench/programs.py): allocation-heavy and deterministic (no
-- addresses, no hash-order iteration, no coroutines and no errors: on wasi, whose libc has no setjmp,
-- Lua is built with errors that abort). arg[1] scales every loop (default 1).
-- 1. binary trees (the benchmarks game's), 2. string building, 3. table churn with a rolling window.
local scale = tonumber(arg and arg[1]) or 1
local function n(count) return math.max(1, math.floor(count * scale)) end

local function bottom_up(depth)
  if depth == 0 then return {} end
  depth = depth - 1
  return {bottom_up(depth), bottom_up(depth)}
end
local function check(tree)
  if tree[1] then return 1 + check(tree[1]) + check(tree[2]) end
  return 1
end
local max_depth = math.max(6, math.floor(math.log(n(4096), 2)))
local long_lived = bottom_up(max_depth)
for depth = 4, max_depth, 2 do
  local iters, sum = 1 << (max_depth - depth + 4), 0
  for _ = 1, iters do sum = sum + check(bottom_up(depth)) end
  print("trees", depth, iters, sum)
end
print("long lived", max_depth, check(long_lived))

local parts, h = {}, 0
for i = 1, n(30000) do
  parts[#parts + 1] = string.format("%d:%s;", i, string.rep(string.char(97 + i % 26), i % 23))
  if #parts == 500 then
    local s = table.concat(parts)
    for j = 1, #s, 97 do h = (h * 31 + s:byte(j)) % 4294967296 end
    parts = {}
  end
end
print("strings", h)

local window, acc = {}, 0
for i = 1, n(150000) do
  local t = {i, tostring(i), {x = i, y = i * 2}}
  window[i % 1000 + 1] = t
  if i % 997 == 0 then
    for k = 1, 1000, 7 do local w = window[k]; if w then acc = acc + w[3].y % 1000 + #w[2] end end
  end
end
print("tables", acc)
