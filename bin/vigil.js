#!/usr/bin/env node
// Entry point of the `vigil` command: runs the compiled CLI (built by `npm install` via `prepare`).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`vigil: ${err instanceof Error ? err.message : String(err)}`); process.exitCode = 1; },
);
