-- The program whose allocations make the recorded trace: tables, strings, closures, a little GC.
local words = {}
for i = 1, 3000 do words[#words + 1] = string.format("w%05d-%s", i, string.rep("x", i % 37)) end
local index = {}
for round = 1, 4 do
  for i, w in ipairs(words) do
    local k = w:sub(1, 3 + (i + round) % 6)
    local list = index[k] or {}
    list[#list + 1] = { word = w, n = i * round, tag = k .. round }
    index[k] = list
  end
  local out = {}
  for k, list in pairs(index) do
    table.sort(list, function(a, b) return a.n < b.n end)
    out[#out + 1] = k .. ":" .. #list
  end
  table.sort(out)
  local s = table.concat(out, ",")
  index = (round % 2 == 0) and {} or index
  collectgarbage("step", 200)
end
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local acc = {}
for i = 1, 2000 do acc[i] = function() return fib(i % 12) + #words[i] end end
local sum = 0
for i = 1, #acc do sum = sum + acc[i]() end
print(sum)
