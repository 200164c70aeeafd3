/**
 * Unit conversions with exact factors. The trap is the classic slip for each: the wrong power of ten, the
 * forgotten offset of a temperature scale, dividing instead of multiplying.
 */
import { ANSWER_INSTRUCTION, int, num, pick, wrongOptions, type GeneratedItem, type Rng } from './draw.js';

interface Conversion {
  readonly from: string;
  readonly to: string;
  /** The value to convert. */
  readonly value: (rng: Rng) => number;
  readonly convert: (x: number) => number;
  readonly slip: (x: number) => number;
}

const CONVERSIONS: readonly Conversion[] = [
  { from: 'kilometres', to: 'metres', value: (r) => int(r, 2, 95) / 2, convert: (x) => x * 1000, slip: (x) => x * 100 },
  { from: 'metres', to: 'centimetres', value: (r) => int(r, 3, 99) / 4, convert: (x) => x * 100, slip: (x) => x * 1000 },
  { from: 'grams', to: 'kilograms', value: (r) => int(r, 120, 9800), convert: (x) => x / 1000, slip: (x) => x / 100 },
  { from: 'hours', to: 'minutes', value: (r) => int(r, 2, 40) / 4, convert: (x) => x * 60, slip: (x) => x * 100 },
  { from: 'days', to: 'hours', value: (r) => int(r, 2, 30), convert: (x) => x * 24, slip: (x) => x * 12 },
  { from: 'degrees Celsius', to: 'degrees Fahrenheit', value: (r) => int(r, -20, 45) * 2, convert: (x) => (x * 9) / 5 + 32, slip: (x) => (x * 9) / 5 },
  { from: 'degrees Fahrenheit', to: 'degrees Celsius', value: (r) => int(r, 3, 44) * 5 + 32, convert: (x) => ((x - 32) * 5) / 9, slip: (x) => (x * 5) / 9 },
  { from: 'inches', to: 'centimetres', value: (r) => int(r, 2, 60), convert: (x) => x * 2.54, slip: (x) => x / 2.54 },
  { from: 'litres', to: 'millilitres', value: (r) => int(r, 3, 80) / 4, convert: (x) => x * 1000, slip: (x) => x * 100 },
  { from: 'miles', to: 'kilometres', value: (r) => int(r, 2, 120), convert: (x) => x * 1.609344, slip: (x) => x / 1.609344 },
  { from: 'pounds', to: 'kilograms', value: (r) => int(r, 2, 220), convert: (x) => x * 0.45359237, slip: (x) => x / 0.45359237 },
];

export function unitItem(rng: Rng): GeneratedItem {
  const conversion = pick(rng, CONVERSIONS);
  const value = conversion.value(rng);
  const exact = conversion.convert(value);
  const answer = num(exact);
  const slipped = num(conversion.slip(value));
  const trap = slipped === answer ? num(exact * 10) : slipped;
  const candidates = [exact * 10, exact / 10, exact + 1, exact - 1, conversion.slip(value) * 10].map((n) => num(n));
  const rounding = Number.isInteger(Number(answer)) && Number(answer) === exact ? '' : ' Round to 2 decimal places.';
  return {
    prompt: `Convert ${num(value)} ${conversion.from} to ${conversion.to}.${rounding} ${ANSWER_INSTRUCTION}`,
    answer,
    answerType: 'number',
    tolerance: 0.01,
    trap,
    wrong: wrongOptions(answer, trap, candidates),
  };
}
