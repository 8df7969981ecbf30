// Regular expressions come from users and bodies come from the network: a
// pattern like ^(a+)+$ can backtrack for hours. Matching runs in a reused vm
// context with a timeout, so V8 interrupts it instead of hanging the process.
import { Script, createContext } from 'node:vm';

export const DEFAULT_REGEX_TIMEOUT_MS = 250;

export type SafeRegexResult = { ok: true; matched: boolean } | { ok: false; error: string };

interface Sandbox {
  pattern: string;
  flags: string;
  input: string;
}

const sandbox: Sandbox = createContext({ pattern: '', flags: '', input: '' }) as Sandbox;
const script = new Script('new RegExp(pattern, flags).test(input)', { filename: 'vigil-safe-regex' });

/** Tests `pattern` against `input`, giving up after `timeoutMs` of CPU time. Never throws. */
export function safeRegexTest(pattern: string, input: string, options: { flags?: string; timeoutMs?: number } = {}): SafeRegexResult {
  const timeoutMs = options.timeoutMs ?? DEFAULT_REGEX_TIMEOUT_MS;
  sandbox.pattern = pattern;
  sandbox.flags = options.flags ?? '';
  sandbox.input = input;
  try {
    const matched: unknown = script.runInContext(sandbox, { timeout: timeoutMs });
    return { ok: true, matched: matched === true };
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      return { ok: false, error: `regular expression gave up after ${timeoutMs} ms (the pattern backtracks too much on this body)` };
    }
    // Errors thrown inside the context are not instances of this realm's Error.
    const message = (err as { message?: unknown }).message;
    return { ok: false, error: `invalid regular expression: ${typeof message === 'string' ? message : String(err)}` };
  } finally {
    sandbox.input = '';
  }
}
