// Runs a wasm32-wasi replayer of make advise under node:
//   node run_wasi.mjs replay.wasm TRACE.bin MODE ARGS...
// The trace file is the module's standard input (no preopened directory: nothing in the replayer
// allocates before the replay).
import { openSync, readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const [path, trace, ...args] = process.argv.slice(2);
const wasi = new WASI({
  version: 'preview1', args: [path, ...args], env: {}, stdin: openSync(trace, 'r'), returnOnExit: true,
});
const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path)), wasi.getImportObject());
process.exitCode = wasi.start(instance);
