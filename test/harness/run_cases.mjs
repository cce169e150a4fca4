// Runs test/trust/uaf_death.c's cases on wasm, one fresh instance each (a trap or abort cannot be
// recovered from inside wasm): case n is argv[1] of a wasi program, or the argument of the
// freestanding module's exported uaf_case. Stops at the first case number the program does not
// have (exit code 3, or uaf_case returning 1); prints "uaf: aborted" after abort's trap,
// "uaf: crashed (...)" after any other, and
// "uaf: <n> cases" at the end, as the program does where it runs every case itself.
//   node --no-warnings test/harness/run_cases.mjs prog.wasm
import { readFileSync, writeSync } from 'node:fs';
import { WASI } from 'node:wasi';

const path = process.argv[2];
const module = new WebAssembly.Module(readFileSync(path));
const isWasi = WebAssembly.Module.imports(module).some((i) => i.module === 'wasi_snapshot_preview1');
const say = (text) => writeSync(2, text);

function runCase(n) {  // 0: ran, 3: no such case; throws on a trap
  if (isWasi) {
    const wasi = new WASI({ version: 'preview1', args: [path, String(n)], env: {}, returnOnExit: true });
    return wasi.start(new WebAssembly.Instance(module, wasi.getImportObject()));
  }
  let memory;
  const env = { lite_write: (pointer, length) => writeSync(2, Buffer.from(memory.buffer, pointer, length)) };
  const instance = new WebAssembly.Instance(module, { env });
  memory = instance.exports.memory;
  return instance.exports.uaf_case(n) ? 3 : 0;
}

let n = 0;
for (;; ++n) {
  let code;
  try {
    code = runCase(n);
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    // abort() and the freestanding report trap with "unreachable"; any other trap is a crash
    say(/unreachable/.test(e.message) ? 'uaf: aborted\n' : `uaf: crashed (${e.message})\n`);
    continue;
  }
  if (code === 3) break;
  if (code !== 0) say(`uaf: exit code ${code}\n`);
}
say(`uaf: ${n} cases\n`);
