// Runs a wasm32-wasi replayer of make advise under node: node run_wasi.mjs replay.wasm MODE ARGS...
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const [path, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [path, ...args], env: {}, returnOnExit: true });
const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path)), wasi.getImportObject());
process.exitCode = wasi.start(instance);
