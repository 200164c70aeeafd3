/**
 * Accuracy and the confusion matrix of predicted labels against expected ones, as a plain-text report (for
 * `consilium classify --file` and evaluation scripts). Inputs without an expected label are not counted.
 */

export interface LabelledText {
  readonly text: string;
  /** The expected label, when known. */
  readonly label: string | undefined;
}

export interface Confusion {
  readonly labelled: number;
  readonly correct: number;
  /** Row and column order of `counts`: the model's labels first, then any other label seen, in order seen. */
  readonly labels: readonly string[];
  /** counts[expected][predicted]. */
  readonly counts: readonly (readonly number[])[];
}

/** `predicted[i]` is the prediction for `inputs[i]`. */
export function confusion(inputs: readonly LabelledText[], predicted: readonly string[], modelLabels: readonly string[]): Confusion {
  const labels = [...modelLabels];
  const indexOf = (label: string): number => {
    let index = labels.indexOf(label);
    if (index < 0) index = labels.push(label) - 1;
    return index;
  };
  const pairs: [number, number][] = [];
  inputs.forEach((input, i) => {
    if (input.label !== undefined) pairs.push([indexOf(input.label), indexOf(predicted[i] ?? '')]);
  });
  const counts = labels.map(() => labels.map(() => 0));
  for (const [expected, got] of pairs) {
    const row = counts[expected] as number[];
    row[got] = (row[got] as number) + 1;
  }
  return { labelled: pairs.length, correct: pairs.filter(([e, g]) => e === g).length, labels, counts };
}

export function confusionReport(inputs: readonly LabelledText[], predicted: readonly string[], modelLabels: readonly string[]): string {
  const c = confusion(inputs, predicted, modelLabels);
  const accuracy = c.labelled === 0 ? 0 : c.correct / c.labelled;
  const width = Math.max(8, ...c.labels.map((l) => l.length)) + 2;
  const cell = (text: string) => text.padStart(width);
  const lines = [
    `accuracy ${accuracy.toFixed(4)} (${c.correct}/${c.labelled} labelled)`,
    'confusion matrix (rows: expected, columns: predicted):',
    `${''.padEnd(width)}${c.labels.map(cell).join('')}`,
    ...c.labels.map((label, r) => `${label.padEnd(width)}${(c.counts[r] as number[]).map((n) => cell(String(n))).join('')}`),
  ];
  return `${lines.join('\n')}\n`;
}
