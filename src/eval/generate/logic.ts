/**
 * Logic questions: orderings from pairwise comparisons, weekday arithmetic, and number sequences. Traps are
 * the near miss: the runner-up of an ordering, an off-by-one weekday, the sequence continued with the wrong rule.
 */
import { ANSWER_INSTRUCTION, int, num, pick, sample, wrongOptions, type GeneratedItem, type Rng } from './draw.js';

const NAMES = ['Ava', 'Ben', 'Cara', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jin', 'Kai', 'Lena', 'Milo', 'Nora', 'Omar', 'Pia'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const TRAITS: readonly { more: string; less: string; top: string; bottom: string }[] = [
  { more: 'taller than', less: 'shorter than', top: 'tallest', bottom: 'shortest' },
  { more: 'older than', less: 'younger than', top: 'oldest', bottom: 'youngest' },
  { more: 'faster than', less: 'slower than', top: 'fastest', bottom: 'slowest' },
];

function ordering(rng: Rng): GeneratedItem {
  const size = int(rng, 3, 5);
  const people = sample(rng, NAMES, size);
  const trait = pick(rng, TRAITS);
  // people[0] ranks highest. State each adjacent pair once, in shuffled order and phrasing.
  const facts = sample(
    rng,
    people.slice(0, -1).map((p, i) => [p, people[i + 1] as string] as const),
    size - 1,
  ).map(([hi, lo]) => (rng() < 0.5 ? `${hi} is ${trait.more} ${lo}.` : `${lo} is ${trait.less} ${hi}.`));
  const askTop = rng() < 0.5;
  const answer = (askTop ? people[0] : people[size - 1]) as string;
  const trap = (askTop ? people[1] : people[size - 2]) as string;
  const question = `${facts.join(' ')} Who is the ${askTop ? trait.top : trait.bottom}?`;
  return { prompt: `${question} ${ANSWER_INSTRUCTION}`, answer, answerType: 'exact', trap, wrong: wrongOptions(answer, trap, people) };
}

function weekday(rng: Rng): GeneratedItem {
  const start = int(rng, 0, 6);
  const offset = int(rng, 8, 60);
  const forward = rng() < 0.7;
  const index = (start + (forward ? offset : -offset) + 7 * 20) % 7;
  const answer = DAYS[index] as string;
  const trap = DAYS[(index + (forward ? 1 : 6)) % 7] as string;
  const question = forward
    ? `If today is ${DAYS[start]}, what day of the week will it be in ${offset} days?`
    : `If today is ${DAYS[start]}, what day of the week was it ${offset} days ago?`;
  return { prompt: `${question} ${ANSWER_INSTRUCTION}`, answer, answerType: 'exact', trap, wrong: wrongOptions(answer, trap, DAYS) };
}

function sequence(rng: Rng): GeneratedItem {
  const a = int(rng, 1, 9);
  const geometric = rng() < 0.5;
  const step = geometric ? int(rng, 2, 4) : int(rng, 3, 17);
  const terms = Array.from({ length: 5 }, (_, i) => (geometric ? a * step ** i : a + step * i));
  const last = terms[4] as number;
  const answer = geometric ? last * step : last + step;
  // The slip: read a geometric sequence as arithmetic (last difference repeated), or double an arithmetic step.
  const trap = geometric ? last + (last - (terms[3] as number)) : last + 2 * step;
  const shown = terms.join(', ');
  return {
    prompt: `What number comes next in the sequence ${shown}, ...? ${ANSWER_INSTRUCTION}`,
    answer: num(answer),
    answerType: 'number',
    trap: num(trap),
    wrong: wrongOptions(num(answer), num(trap), [answer + 1, answer - 1, answer + step, answer * 2].map((n) => num(n))),
  };
}

export function logicItem(rng: Rng): GeneratedItem {
  const roll = rng();
  return roll < 0.45 ? ordering(rng) : roll < 0.8 ? weekday(rng) : sequence(rng);
}
