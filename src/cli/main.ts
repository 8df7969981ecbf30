// The `vigil` command: dispatches to one module per command and turns every
// failure into one line on stderr and an exit code (0 ok, 1 failure, 2 usage).
import { ConfigError } from '../config/errors.js';
import { AppError } from '../domain/errors.js';
import { reason, StartupError } from '../server/errors.js';
import { generalHelp, helpCommand, helpUsage, type CommandEntry } from './commands/help.js';
import { processIo, type CliIo } from './io.js';
import { UsageError, wantsHelp } from './usage.js';
import { vigilVersion } from './version.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

const commands: Record<string, CommandEntry> = {
  serve: {
    summary: 'run the server (web, scheduler and worker roles)',
    load: async () => {
      const m = await import('./commands/serve.js');
      return { usage: m.serveUsage, run: m.serveCommand };
    },
  },
  migrate: {
    summary: 'apply pending database migrations',
    load: async () => {
      const m = await import('./commands/migrate.js');
      return { usage: m.migrateUsage, run: m.migrateCommand };
    },
  },
  // apply handles its own --help and errors.
  apply: {
    summary: 'make the database match a vigil.yaml (declarative configuration)',
    load: async () => {
      const m = await import('./commands/apply.js');
      return { run: m.applyCommand };
    },
  },
  import: {
    summary: 'import a page from Statuspage (vigil import statuspage <file|url>)',
    load: async () => {
      const m = await import('./commands/import.js');
      return { usage: m.importUsage, run: m.importCommand };
    },
  },
  keys: {
    summary: 'create, list and revoke API keys',
    load: async () => {
      const m = await import('./commands/keys.js');
      return { usage: m.keysUsage, run: m.keysCommand };
    },
  },
  help: {
    summary: 'show help for a command',
    load: async () => ({ usage: helpUsage, run: (args, io) => helpCommand(args, io, commands) }),
  },
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined) {
      io.stderr.write(generalHelp(commands));
      return EXIT_USAGE;
    }
    if (first === '--help' || first === '-h') {
      io.stdout.write(generalHelp(commands));
      return EXIT_OK;
    }
    if (first === '--version' || first === '-v') {
      io.stdout.write(`${vigilVersion()}\n`);
      return EXIT_OK;
    }
    if (first.startsWith('-')) throw new UsageError(`unknown option ${first}`);
    const entry = Object.hasOwn(commands, first) ? commands[first] : undefined;
    if (!entry) throw new UsageError(`unknown command "${first}"`);
    const command = await entry.load();
    if (command.usage && wantsHelp(rest)) {
      io.stdout.write(command.usage);
      return EXIT_OK;
    }
    return await command.run(rest, io);
  } catch (err) {
    return report(err, io);
  }
}

function report(err: unknown, io: CliIo): number {
  if (err instanceof UsageError) {
    const help = err.command ? `vigil ${err.command} --help` : 'vigil --help';
    io.stderr.write(`vigil: ${err.message} (see ${help})\n`);
    return EXIT_USAGE;
  }
  if (err instanceof ConfigError || err instanceof StartupError) {
    io.stderr.write(`vigil: ${err.message}\n`);
    return EXIT_FAILURE;
  }
  if (err instanceof AppError) {
    // Coded errors are written for people; a vigil.yaml problem list has one line per problem.
    for (const line of err.message.split('\n')) io.stderr.write(`vigil: ${line}\n`);
    return EXIT_FAILURE;
  }
  io.stderr.write(`vigil: ${reason(err)}\n`);
  return EXIT_FAILURE;
}
