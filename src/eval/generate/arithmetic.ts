/**
 * Arithmetic questions with a known answer and the mistake a hurried solver makes: a dropped carry, a
 * digit-wise borrow, an unshifted partial product, left-to-right precedence, a misplaced decimal point.
 */
import { ANSWER_INSTRUCTION, int, num, pick, wrongOptions, type GeneratedItem, type Rng } from './draw.js';

type Maker = (rng: Rng) => { question: string; answer: number; trap: number };

/** Adds digit by digit, forgetting every carry. */
function noCarrySum(a: number, b: number): number {
  let out = 0;
  for (let place = 1; a > 0 || b > 0; place *= 10) {
    out += ((a % 10) + (b % 10)) % 10 * place;
    a = Math.floor(a / 10);
    b = Math.floor(b / 10);
  }
  return out;
}

/** Subtracts digit by digit, the smaller digit from the larger, never borrowing. */
function noBorrowDifference(a: number, b: number): number {
  let out = 0;
  for (let place = 1; a > 0 || b > 0; place *= 10) {
    out += Math.abs((a % 10) - (b % 10)) * place;
    a = Math.floor(a / 10);
    b = Math.floor(b / 10);
  }
  return out;
}

const MAKERS: readonly Maker[] = [
  (rng) => {
    const a = int(rng, 158, 899);
    const b = int(rng, 147, 899);
    const trap = noCarrySum(a, b);
    return { question: `Compute ${a} + ${b}.`, answer: a + b, trap: trap === a + b ? a + b + 10 : trap };
  },
  (rng) => {
    const a = int(rng, 402, 987);
    const b = int(rng, 123, a - 60);
    const trap = noBorrowDifference(a, b);
    return { question: `Compute ${a} - ${b}.`, answer: a - b, trap: trap === a - b ? a - b + 10 : trap };
  },
  (rng) => {
    const a = int(rng, 13, 89);
    const b = int(rng, 21, 97);
    const tens = Math.floor(b / 10);
    return { question: `Compute ${a} × ${b}.`, answer: a * b, trap: a * tens + a * (b % 10) };
  },
  (rng) => {
    const a = int(rng, 2, 19);
    const b = int(rng, 2, 12);
    const c = int(rng, 3, 12);
    return { question: `Compute ${a} + ${b} × ${c}.`, answer: a + b * c, trap: (a + b) * c };
  },
  (rng) => {
    const p = pick(rng, [5, 12, 15, 18, 25, 35, 45, 60, 75]);
    const base = int(rng, 4, 60) * 20;
    return { question: `What is ${p}% of ${base}?`, answer: (p * base) / 100, trap: (p * base) / 10 };
  },
  (rng) => {
    const d = int(rng, 3, 9);
    const q = int(rng, 12, 99);
    const r = int(rng, 1, d - 1);
    const n = d * q + r;
    return { question: `What is the remainder when ${n} is divided by ${d}?`, answer: r, trap: (r + 1) % d };
  },
];

export function arithmeticItem(rng: Rng): GeneratedItem {
  const { question, answer, trap } = pick(rng, MAKERS)(rng);
  const answerText = num(answer);
  const trapText = num(trap);
  const candidates = [answer + 1, answer - 1, answer + 10, answer - 10, trap + 1].map((n) => num(n));
  return { prompt: `${question} ${ANSWER_INSTRUCTION}`, answer: answerText, answerType: 'number', trap: trapText, wrong: wrongOptions(answerText, trapText, candidates) };
}
