// What applying vigil.yaml takes and how it fails: the file parsed (by
// config/vigil-yaml.ts) with a way to place a problem on its line, and the
// error that lists every problem as `<file>:<line>: <path>: <message>`.
import { AppError } from '../../domain/errors.js';
import type { VigilConfig } from './schemas.js';

export interface ConfigProblem {
  /** `components[1].status`; empty for the whole file. */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/** A vigil.yaml that cannot be applied; `problems` are in file order. */
export class ConfigFileError extends AppError {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super('VALIDATION', problems.map((p) => formatProblem(file, p)).join('\n'), { file, problems });
    this.name = 'ConfigFileError';
  }

  /** One line per problem, ready for stderr. */
  lines(): string[] {
    return this.problems.map((p) => formatProblem(this.file, p));
  }
}

export function formatProblem(file: string, p: ConfigProblem): string {
  const where = p.line === undefined ? file : p.column === undefined ? `${file}:${p.line}` : `${file}:${p.line}:${p.column}`;
  return p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}

export interface LoadedConfig {
  /** The file name as the operator gave it; used in every message. */
  file: string;
  config: VigilConfig;
  /** The line of the node at `path` (or of its nearest ancestor in the file). */
  lineOf(path: string): number | undefined;
  /** A problem at `path`, located in the file. */
  problem(path: string, message: string): ConfigProblem;
}
