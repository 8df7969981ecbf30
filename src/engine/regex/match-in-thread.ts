// The match itself, for the regex worker thread only: on the main thread it
// would block the event loop for up to `timeoutMs`. A reused vm context with a
// timeout lets V8 interrupt a runaway match without losing the worker.
import { Script, createContext } from 'node:vm';
import { regexInvalid, regexTimedOut, type SafeRegexResult } from '../checks/safe-regex.js';

interface Sandbox {
  pattern: string;
  flags: string;
  input: string;
}

const sandbox: Sandbox = createContext({ pattern: '', flags: '', input: '' }) as Sandbox;
const script = new Script('new RegExp(pattern, flags).test(input)', { filename: 'vigil-safe-regex' });

/** Tests `pattern` against `input` in this thread, giving up after `timeoutMs`. Never throws. */
export function matchInThisThread(pattern: string, flags: string, input: string, timeoutMs: number): SafeRegexResult {
  sandbox.pattern = pattern;
  sandbox.flags = flags;
  sandbox.input = input;
  try {
    const matched: unknown = script.runInContext(sandbox, { timeout: timeoutMs });
    return { ok: true, matched: matched === true };
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return regexTimedOut(timeoutMs);
    // Errors thrown inside the context are not instances of this realm's Error.
    const message = (err as { message?: unknown }).message;
    return regexInvalid(typeof message === 'string' ? message : String(err));
  } finally {
    sandbox.input = '';
  }
}
