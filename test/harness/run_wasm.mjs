// Runs a .wasm test program under node and passes its exit code on.
//   node --no-warnings test/harness/run_wasm.mjs prog.wasm
// A module that imports wasi_snapshot_preview1 runs under node:wasi (preview 1). Any other is a
// freestanding wasm32 program: it gets the two imports of test/harness/wasm32_libc (write bytes to
// stdout, exit) and starts at its exported _start. A trap (abort, __builtin_trap) exits with 134.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const path = process.argv[2];
const module = new WebAssembly.Module(readFileSync(path));
const isWasi = WebAssembly.Module.imports(module).some((i) => i.module === 'wasi_snapshot_preview1');

class Exit extends Error {
  constructor(code) {
    super(`exit ${code}`);
    this.code = code;
  }
}

function run() {
  if (isWasi) {
    const wasi = new WASI({ version: 'preview1', args: [path], env: {}, returnOnExit: true });
    return wasi.start(new WebAssembly.Instance(module, wasi.getImportObject()));
  }
  let memory;
  const env = {
    lite_write: (pointer, length) => process.stdout.write(Buffer.from(memory.buffer, pointer, length)),
    lite_exit: (code) => {
      throw new Exit(code);
    },
  };
  const instance = new WebAssembly.Instance(module, { env });
  memory = instance.exports.memory;
  try {
    instance.exports._start();
    return 0;
  } catch (e) {
    if (e instanceof Exit) return e.code;
    throw e;
  }
}

let code;
try {
  code = run();
} catch (e) {
  if (!(e instanceof WebAssembly.RuntimeError)) throw e;
  console.error(`trap: ${e.message}`);
  code = 134;
}
process.exitCode = code;
