/**
 * Rejects keyword regexes that can backtrack catastrophically. JavaScript's engine backtracks, and Node has no
 * linear-time engine built in, so patterns are screened at config load instead: a quantified group that itself
 * contains an unbounded quantifier or an alternation ((a+)+, (\w|\d)*, (x*y?)+) and backreferences are refused.
 * Matching also scans at most MAX_SCAN_CHARS of a prompt (see routing/keywords.ts), which bounds what remains.
 */

export interface RegexVerdict {
  readonly ok: boolean;
  readonly reason?: string;
}

interface GroupFrame {
  hasUnboundedQuantifier: boolean;
  hasAlternation: boolean;
}

export function checkRegexSafety(source: string): RegexVerdict {
  try {
    new RegExp(source, 'u');
  } catch (error) {
    return { ok: false, reason: `invalid regex: ${(error as Error).message}` };
  }
  if (/\\[1-9]|\\k</.test(source)) return { ok: false, reason: 'backreferences are not allowed' };
  const stack: GroupFrame[] = [{ hasUnboundedQuantifier: false, hasAlternation: false }];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    const top = stack[stack.length - 1]!;
    if (ch === '[') inClass = true;
    else if (ch === '(') stack.push({ hasUnboundedQuantifier: false, hasAlternation: false });
    else if (ch === '|') top.hasAlternation = true;
    else if (ch === ')') {
      const closed = stack.pop();
      const parent = stack[stack.length - 1];
      if (!closed || !parent) return { ok: false, reason: 'unbalanced parentheses' };
      const quantifier = readQuantifier(source, i + 1);
      if (quantifier.repeats && (closed.hasUnboundedQuantifier || closed.hasAlternation)) {
        return {
          ok: false,
          reason: closed.hasAlternation
            ? 'an alternation inside a repeated group can backtrack exponentially'
            : 'nested quantifiers can backtrack exponentially',
        };
      }
      parent.hasUnboundedQuantifier ||= closed.hasUnboundedQuantifier || quantifier.unbounded;
    } else {
      const quantifier = readQuantifier(source, i);
      if (quantifier.unbounded) top.hasUnboundedQuantifier = true;
    }
  }
  return { ok: true };
}

/** Whether the quantifier at `at` repeats (more than once) and whether it is unbounded. */
function readQuantifier(source: string, at: number): { repeats: boolean; unbounded: boolean } {
  const ch = source[at];
  if (ch === '*' || ch === '+') return { repeats: true, unbounded: true };
  if (ch === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
    if (!match) return { repeats: false, unbounded: false };
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
    return { repeats: max > 1, unbounded: max > 16 };
  }
  return { repeats: false, unbounded: false };
}
