// TypeScript entry of the CLI for tests and `npm run dev` (tsx); the
// installed command is bin/vigil.js, which runs the compiled main.
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`vigil: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
