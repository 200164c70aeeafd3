import { describe, expect, it } from 'vitest';
import type { EvalItem } from '../../src/eval/dataset.js';
import { generateDataset } from '../../src/eval/generate/index.js';

const items = generateDataset();
const prompt = (i: EvalItem): string => String(i.messages[0]?.content);
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Re-derives an arithmetic answer from the question text alone. */
function solveArithmetic(text: string): number | undefined {
  let m = text.match(/^Compute (\d+) ([-+×]) (\d+)\./);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[3])];
    return m[2] === '+' ? a + b : m[2] === '-' ? a - b : a * b;
  }
  m = text.match(/^Compute (\d+) \+ (\d+) × (\d+)\./);
  if (m) return Number(m[1]) + Number(m[2]) * Number(m[3]);
  m = text.match(/^What is (\d+)% of (\d+)\?/);
  if (m) return (Number(m[1]) * Number(m[2])) / 100;
  m = text.match(/^What is the remainder when (\d+) is divided by (\d+)\?/);
  if (m) return Number(m[1]) % Number(m[2]);
  return undefined;
}

const FACTORS: Record<string, (x: number) => number> = {
  'kilometres>metres': (x) => x * 1000,
  'metres>centimetres': (x) => x * 100,
  'grams>kilograms': (x) => x / 1000,
  'hours>minutes': (x) => x * 60,
  'days>hours': (x) => x * 24,
  'degrees Celsius>degrees Fahrenheit': (x) => x * 1.8 + 32,
  'degrees Fahrenheit>degrees Celsius': (x) => (x - 32) / 1.8,
  'inches>centimetres': (x) => x * 2.54,
  'litres>millilitres': (x) => x * 1000,
  'miles>kilometres': (x) => x * 1.609344,
  'pounds>kilograms': (x) => x * 0.45359237,
};

describe('generated items have the answers their prompts imply', () => {
  it('arithmetic', () => {
    const arithmetic = items.filter((i) => i.category === 'arithmetic');
    expect(arithmetic.length).toBe(150);
    for (const i of arithmetic) expect(Number(i.answer), prompt(i)).toBe(solveArithmetic(prompt(i)));
  });

  it('unit conversions, within the stated tolerance', () => {
    for (const i of items.filter((x) => x.category === 'units')) {
      const m = prompt(i).match(/^Convert (-?[\d.]+) (.+?) to (.+?)\./);
      const convert = m ? FACTORS[`${m[2]}>${m[3]}`] : undefined;
      expect(convert, prompt(i)).toBeDefined();
      expect(Math.abs(Number(i.answer) - (convert as (x: number) => number)(Number(m?.[1]))), prompt(i)).toBeLessThanOrEqual((i.tolerance ?? 0) / 2 + 1e-9);
    }
  });

  it('logic: orderings, weekdays and sequences', () => {
    for (const i of items.filter((x) => x.category === 'logic')) {
      const text = prompt(i);
      const weekday = text.match(/^If today is (\w+), what day of the week (will it be in|was it) (\d+) days/);
      if (weekday) {
        const sign = weekday[2] === 'will it be in' ? 1 : -1;
        expect(i.answer, text).toBe(DAYS[(((DAYS.indexOf(weekday[1] as string) + sign * Number(weekday[3])) % 7) + 7) % 7]);
        continue;
      }
      const sequence = text.match(/sequence ([\d, ]+), \.\.\./);
      if (sequence) {
        const terms = (sequence[1] as string).split(', ').map(Number);
        const [a, b, c] = terms.slice(-3) as [number, number, number];
        expect(Number(i.answer), text).toBe(c - b === b - a ? c + (c - b) : (c * c) / b);
        continue;
      }
      // Ordering: build "above" relations and check the answer is the unique top or bottom.
      const above = new Map<string, string>();
      for (const [, x, rel, y] of text.matchAll(/(\w+) is (taller|older|faster|shorter|younger|slower) than (\w+)\./g)) {
        const higher = ['taller', 'older', 'faster'].includes(rel as string);
        above.set(higher ? (y as string) : (x as string), higher ? (x as string) : (y as string));
      }
      const people = new Set([...above.keys(), ...above.values()]);
      const top = [...people].find((p) => !above.has(p));
      const bottom = [...people].find((p) => ![...above.values()].includes(p));
      const asksTop = /Who is the (tallest|oldest|fastest)\?/.test(text);
      expect(i.answer, text).toBe(asksTop ? top : bottom);
    }
  });

  it('facts: the answer letter names what the sheet states for the asked town', () => {
    for (const i of items.filter((x) => x.category === 'facts')) {
      const text = prompt(i);
      const option = text.match(new RegExp(`^${i.answer}\\) (.+)$`, 'm'))?.[1] as string;
      const town = text.match(/Question: (?:What does|Who founded|Which river runs through) ([\w ]+?)(?: export)?\?/)?.[1] as string;
      const facts = text.split('\n').filter((l) => l.startsWith('- ') && l.includes(town));
      expect(facts.some((f) => f.includes(option)), text).toBe(true);
    }
  });
});

describe('generateDataset', () => {
  it('interleaves categories and numbers ids per category', () => {
    expect(items.slice(0, 4).map((i) => i.id)).toEqual(['arithmetic-001', 'units-001', 'logic-001', 'facts-001']);
  });

  it('depends on the seed', () => {
    const a = generateDataset({ seed: 1, counts: { arithmetic: 5 } });
    const b = generateDataset({ seed: 2, counts: { arithmetic: 5 } });
    expect(a.map(prompt)).not.toEqual(b.map(prompt));
    expect(generateDataset({ seed: 1, counts: { arithmetic: 5 } })).toEqual(a);
  });

  it('rejects an unknown category', () => {
    expect(() => generateDataset({ counts: { poetry: 1 } })).toThrowError(/no generator for category poetry/);
  });
});
