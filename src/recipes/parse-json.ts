/**
 * Lenient JSON extraction from model answers (judge, grader, planner, verifier). Models wrap JSON in code
 * fences, put prose before or after it, and leave trailing commas; each is tolerated. Returns undefined when
 * no JSON object can be recovered, which callers count as a parse failure.
 */

/** The first JSON object recoverable from `text`, or undefined. */
export function extractJsonObject(text: string | null | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  const candidates: string[] = [];
  for (const match of text.matchAll(/```[A-Za-z0-9_-]*\s*\n?([\s\S]*?)```/g)) candidates.push(match[1] ?? '');
  candidates.push(text);
  for (const candidate of candidates) {
    for (const slice of objectSlices(candidate)) {
      const parsed = tryParse(slice) ?? tryParse(removeTrailingCommas(slice));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    }
  }
  return undefined;
}

/** Balanced `{...}` spans in order of appearance, scanning strings so braces inside them do not count. */
function* objectSlices(text: string): Generator<string> {
  for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
    const end = matchingBrace(text, start);
    if (end !== -1) yield text.slice(start, end + 1);
  }
}

function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return ch === '}' ? i : -1;
    }
  }
  return -1;
}

/** Drops commas directly before `}` or `]`, outside strings. */
export function removeTrailingCommas(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inString) {
      out += ch;
      if (ch === '\\' && i + 1 < text.length) out += text[++i];
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    if (ch === ',') {
      const next = text.slice(i + 1).match(/^\s*([}\]])/);
      if (next) continue;
    }
    out += ch;
  }
  return out;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A string or list of strings from a loosely typed JSON field; anything else becomes its JSON text. */
export function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items
    .map((item) => (typeof item === 'string' ? item : JSON.stringify(item)))
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
