// The JavaScript program of make bench (test/bench/programs.py), run by MuJS (Debian's mujs source).
// Deterministic: no dates, no addresses, no hash-order iteration (MuJS keeps insertion order).
// Its buffers grow through many sizes, as an interpreter's do: strings built one piece at a time
// (each concatenation a new string one piece longer), arrays pushed to (their storage doubles),
// JSON text (a buffer that doubles), joins (a buffer grown by each part), sorts (a copy of the array).
// scriptArgs[0] scales every loop (default 1).
var scale = Number(scriptArgs[0] || 1);
function n(count) { return Math.max(1, Math.floor(count * scale)); }
function hash(h, s) {
  for (var i = 0; i < s.length; i += 13) h = (h * 31 + s.charCodeAt(i)) % 1000000007;
  return h;
}

// 1. Strings built a piece at a time, of every length up to a few KB, some kept alive.
var kept = [], h = 0;
for (var r = 0; r < n(300); ++r) {
  var s = '';
  for (var i = 0; i < 20 + (r * 37) % 400; ++i) s += String.fromCharCode(97 + (i * 7 + r) % 26);
  if (r % 5 === 0) kept.push(s);
  if (kept.length > 40) kept.shift();
  h = hash(h, s);
}
print('strings\t' + h + '\t' + kept.length);

// 2. Records to JSON and back, mapped and joined: arrays and buffers of every size.
h = 0;
for (var r = 0; r < n(120); ++r) {
  var rows = [];
  for (var i = 0; i < 10 + (r * 53) % 300; ++i)
    rows.push({ id: i, name: 'item' + i * r, tags: [i % 3, i % 5, r % 7], score: (i * r) % 101 });
  var text = JSON.stringify(rows);
  var back = JSON.parse(text);
  back.sort(function (a, b) { return a.score - b.score || a.id - b.id; });
  var line = back.map(function (o) { return o.name + ':' + o.tags.join('/'); }).join(',');
  h = hash(hash(h, text), line);
}
print('records\t' + h);

// 3. A table of growing arrays, each replaced by a longer copy now and then, with a rolling window.
var table = [], acc = 0;
for (var i = 0; i < n(20000); ++i) {
  var k = (i * 7919) % 97;
  var a = table[k] || [];
  a.push(i);
  if (a.length > 64 + k) a = a.slice(a.length >> 1);
  table[k] = a;
  if (i % 1009 === 0) {
    for (var j = 0; j < table.length; ++j) if (table[j]) acc = (acc + table[j].length * (j + 1)) % 1000000007;
  }
}
print('tables\t' + acc);
