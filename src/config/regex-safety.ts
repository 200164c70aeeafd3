/**
 * Keyword regexes run on RE2 (re2js, a linear-time engine), never on V8's backtracking engine, so no pattern
 * and no prompt can trigger catastrophic backtracking. This check makes a pattern RE2 cannot compile (for
 * example one with lookaround or backreferences) a config error with its path, instead of a runtime surprise.
 */
import { RE2JS } from 're2js';

export interface RegexVerdict {
  readonly ok: boolean;
  readonly reason?: string;
}

export function checkRegex(source: string): RegexVerdict {
  try {
    RE2JS.compile(source);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `not a valid RE2 pattern (lookaround and backreferences are unsupported): ${(error as Error).message}` };
  }
}
