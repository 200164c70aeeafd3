import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/eval.js';
import { datasetText, generateDataset } from '../../src/eval/generate/index.js';
import { testEvalFile } from '../eval/fixtures.js';

let dir: string;
let evalFile: string;
let stdout: string[];
let stderr: string[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'consilium-eval-cli-'));
  evalFile = await testEvalFile(dir);
});

function capture(): void {
  stdout = [];
  stderr = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => stdout.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => stderr.push(String(chunk)) > 0);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('consilium eval', () => {
  it('runs a subset and prints one JSON line per target with --json', async () => {
    capture();
    const code = await run(['--config', evalFile, '--limit', '8', '--targets', 'cheap,consilium/cascade', '--out', path.join(dir, 'out'), '--json']);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    const lines = stdout.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.target, l.n])).toEqual([
      ['cheap', 8],
      ['consilium/cascade', 8],
    ]);
    const err = stderr.join('');
    expect(err).toContain('caveat: This is a simulated run.');
    expect(err).toMatch(/check not run: ratings, ReMoM and fusion .*: not run: consilium\/ratings/);
    expect(err).toContain(`wrote ${path.join(dir, 'out', 'report.html')}`);
  }, 60_000);

  it('prints the markdown table by default', async () => {
    capture();
    const code = await run(['--config', evalFile, '--limit', '4', '--targets', 'mid-a', '--out', path.join(dir, 'out2')]);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    expect(stdout.join('')).toMatch(/^\| target \| kind \| accuracy \(95% CI\) \|/);
    expect(stdout.join('')).toContain('| `mid-a` | model |');
  }, 60_000);

  it.each([
    [['--concurrency', '0'], /--concurrency must be a positive integer/],
    [['--rho', '1.5'], /--rho values must be numbers in \[0, 1\]/],
    [['--rhos', '0,1'], /--rhos needs --rho-sweep/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('exits 2 on usage errors %j', async (argv, message) => {
    capture();
    const code = await run(argv);
    vi.restoreAllMocks();
    expect(code).toBe(2);
    expect(stderr.join('')).toMatch(message);
  });

  it('exits 2 naming an unknown target, a judge among the targets, or a bad dataset line', async () => {
    const bad = path.join(dir, 'bad.jsonl');
    await writeFile(bad, '{"id": 1, "prompt": "x", "answer": "yes", "answer_type": "number"}\n');
    const cases: [string[], RegExp][] = [
      [['--config', evalFile, '--targets', 'cheap,gpt-9'], /unknown target\(s\): gpt-9/],
      [['--config', evalFile, '--targets', 'cheap,strong', '--judge', 'strong'], /the judge \(strong\) cannot also be a target/],
      [['--config', evalFile, '--dataset', bad], /bad\.jsonl:1: answer: a number answer must be numeric/],
      [['--config', path.join(dir, 'missing.yaml')], /cannot read .*missing\.yaml/],
    ];
    for (const [argv, message] of cases) {
      capture();
      const code = await run([...argv, '--out', path.join(dir, 'never')]);
      vi.restoreAllMocks();
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr.join(''), argv.join(' ')).toMatch(message);
    }
  });

  it('asks for a judge when the dataset has free-form items', async () => {
    const free = path.join(dir, 'free.jsonl');
    await writeFile(free, '{"id": 1, "prompt": "Explain tides", "answer_type": "free"}\n');
    capture();
    const code = await run(['--config', evalFile, '--dataset', free, '--out', path.join(dir, 'never')]);
    vi.restoreAllMocks();
    expect(code).toBe(2);
    expect(stderr.join('')).toMatch(/1 free-form items: name a judge model/);
  });

  it('writes the bundled dataset with --generate-dataset', async () => {
    const file = path.join(dir, 'gen', 'sim.jsonl');
    capture();
    const code = await run(['--generate-dataset', file]);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(datasetText(generateDataset()));
  });
});
