/**
 * Multiple-choice questions over a generated fact sheet: invented towns with an export, a founder and a
 * river. The answer is in the sheet; the trap is the same attribute of another town in the same sheet, the
 * mix-up a careless reader makes.
 */
import { ANSWER_INSTRUCTION, int, pick, sample, type GeneratedItem, type Rng } from './draw.js';

const TOWNS = ['Velmora', 'Orvell', 'Kestrin', 'Dalmuir', 'Fenwick', 'Ashgrove', 'Brisca', 'Tolvane', 'Quarrow', 'Lindhal', 'Marrow Cross', 'Steyn', 'Yarrowby', 'Corlane'];
const ATTRIBUTES: readonly { key: string; values: readonly string[]; state: (town: string, v: string) => string; ask: (town: string) => string }[] = [
  {
    key: 'export',
    values: ['copper', 'wool', 'salt', 'timber', 'glass', 'amber', 'tin', 'barley', 'silk', 'cider'],
    state: (t, v) => `${t} exports ${v}.`,
    ask: (t) => `What does ${t} export?`,
  },
  {
    key: 'founder',
    values: ['Ilsa Brandt', 'Tomas Reyes', 'Mara Okafor', 'Piet Janssen', 'Aiko Mori', 'Lucia Ferro', 'Owen Price', 'Saba Haddad'],
    state: (t, v) => `${t} was founded by ${v}.`,
    ask: (t) => `Who founded ${t}?`,
  },
  {
    key: 'river',
    values: ['the Tamsk', 'the Orla', 'the Wendle', 'the Brisk', 'the Caddow', 'the Seln', 'the Amarin'],
    state: (t, v) => `The river through ${t} is ${v}.`,
    ask: (t) => `Which river runs through ${t}?`,
  },
];
const LETTERS = ['A', 'B', 'C', 'D'];

export function factsItem(rng: Rng): GeneratedItem {
  const towns = sample(rng, TOWNS, int(rng, 2, 3));
  const attribute = pick(rng, ATTRIBUTES);
  const values = sample(rng, attribute.values, towns.length + 2);
  const other = pick(rng, ATTRIBUTES.filter((a) => a !== attribute));
  const otherValues = sample(rng, other.values, towns.length);
  const sheet = towns.flatMap((town, i) => [attribute.state(town, values[i] as string), other.state(town, otherValues[i] as string)]);
  // The question is about the first town (the sheet is shuffled below); the trap is the second town's value.
  const asked = towns[0] as string;
  const correct = values[0] as string;
  const trapValue = values[1] as string;
  // Four options: the right value, the other town's value (trap), and two values the sheet never states.
  const options = sample(rng, [correct, trapValue, values[towns.length] as string, values[towns.length + 1] as string], 4);
  const letterOf = (value: string): string => LETTERS[options.indexOf(value)] as string;
  const answer = letterOf(correct);
  const lines = [
    'Fact sheet:',
    ...sample(rng, sheet, sheet.length).map((fact) => `- ${fact}`),
    '',
    `Question: ${attribute.ask(asked)}`,
    ...options.map((option, i) => `${LETTERS[i]}) ${option}`),
    '',
    ANSWER_INSTRUCTION.replace('<your answer>', '<letter>'),
  ];
  const trap = letterOf(trapValue);
  return { prompt: lines.join('\n'), answer, answerType: 'mcq', trap, wrong: LETTERS.filter((l) => l !== answer && l !== trap) };
}
