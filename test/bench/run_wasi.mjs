// Runs a wasm32-wasi program of make bench under node's WASI: node run_wasi.mjs prog.wasm ARGS...
// The file system is the host's (preopened /), so that the program reads its script by path.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const [path, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [path, ...args], env: {}, preopens: { '/': '/' }, returnOnExit: true });
const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path)), wasi.getImportObject());
process.exitCode = wasi.start(instance);
