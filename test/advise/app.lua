-- The Lua program whose allocations test/advise.mk records with the LD_PRELOAD recorder and runs
-- make advise on: tables that grow, strings, closures, and the garbage collector freeing them.
local words, index = {}, {}
for i = 1, 600 do words[i] = string.format("w%04d-%s", i, string.rep("x", i % 23)) end
for round = 1, 3 do
  for i, w in ipairs(words) do
    local k = w:sub(1, 2 + (i + round) % 4)
    local list = index[k] or {}
    list[#list + 1] = { word = w, n = i * round }
    index[k] = list
  end
  local keys = {}
  for k in pairs(index) do keys[#keys + 1] = k end
  table.sort(keys)
  if round % 2 == 0 then index = {} end
  collectgarbage("step", 100)
end
local acc = 0
for i = 1, 300 do local f = function() return #words[i] end acc = acc + f() end
print(acc)
