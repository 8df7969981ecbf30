// `vigil help [command]` and the text behind `vigil --help`.
import type { CliIo } from '../io.js';
import { UsageError } from '../usage.js';

export interface CommandModule {
  /** Printed for `vigil <cmd> --help`; a command without one handles --help itself. */
  usage?: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export interface CommandEntry {
  summary: string;
  /** Loaded on use, so `vigil --help` or a usage mistake does not load the database drivers and the web stack. */
  load(): Promise<CommandModule>;
}

export function generalHelp(commands: Record<string, CommandEntry>): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: vigil <command> [options]',
    '',
    'Vigil: a self-hosted incident platform and status page.',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  -h, --help     show help (also: vigil <command> --help)',
    '  -v, --version  print the version',
    '',
    'Configuration comes from environment variables; see vigil serve --help.',
    'Exit codes: 0 success, 1 failure, 2 wrong usage.',
    '',
  ].join('\n');
}

export const helpUsage = `Usage: vigil help [command]

Shows the list of commands, or the help of one command.
`;

export async function helpCommand(args: string[], io: CliIo, commands: Record<string, CommandEntry>): Promise<number> {
  if (args.length > 1) throw new UsageError('help takes at most one command name', 'help');
  const name = args[0];
  if (name === undefined) {
    io.stdout.write(generalHelp(commands));
    return 0;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) throw new UsageError(`unknown command "${name}"`);
  const command = await entry.load();
  if (command.usage) {
    io.stdout.write(command.usage);
    return 0;
  }
  return command.run(['--help'], io);
}
