import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadClassifier } from '../../src/classify/load.js';
import { run, type CommandIO } from '../../src/cli/classify.js';
import { PACKAGE_ROOT } from '../../src/config/paths.js';
import { classifierConfig, handBuiltModel, smallClassifier, WIDTH } from './fixtures.js';

let work: string;
let config: string;
let missingModelConfig: string;
let modelDir: string;

const configYaml = (dir: string) => `models:
  small: { model: m, base_url: "http://127.0.0.1:9/v1" }
classifier:
  model_dir: ${JSON.stringify(dir)}
  threshold: 0
decisions:
  - { name: fallback, default: true, model: small }
`;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'consilium-classify-cli-'));
  modelDir = await smallClassifier();
  config = path.join(work, 'consilium.yaml');
  missingModelConfig = path.join(work, 'missing-model.yaml');
  await writeFile(config, configYaml(modelDir));
  await writeFile(missingModelConfig, configYaml(path.join(work, 'no-such-model')));
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function runCaptured(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: {
      write: (text, callback) => {
        stdout += text;
        callback?.();
        return true;
      },
    },
    stderr: { write: (text) => ((stderr += text), true) },
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

async function writeLines(name: string, lines: readonly string[]): Promise<string> {
  const file = path.join(work, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

describe('consilium classify "text"', () => {
  it('--json prints exactly one JSON object with label, probability, top and latency_ms', async () => {
    const { code, stdout } = await runCaptured(['--config', config, '--json', 'Write a haiku about rain']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['label', 'probability', 'top', 'latency_ms']);
    expect(result.top).toHaveLength(4);
    expect(typeof result.latency_ms).toBe('number');
    expect(result.label).toBe((result.top as { label: string }[])[0]?.label);
  });

  it('joins several words into one text, and prints a human line without --json', async () => {
    const { code, stdout } = await runCaptured(['--config', config, 'Write', 'a', 'haiku']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^(code|math|creative|chat) \d\.\d{3} \(.+\) \d+\.\d{2} ms\n$/);
  });

  it('--help prints the usage', async () => {
    const { code, stdout } = await runCaptured(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/usage: consilium classify/);
  });
});

describe('consilium classify --file', () => {
  const texts = ['def add(a, b): return a + b', 'What is 17 times 23?', 'Write a sonnet about the moon', 'hello, how are you today?', 'SELECT * FROM users;'];

  it('--json prints one object per input line, in input order, and accuracy with the confusion matrix on stderr', async () => {
    const file = await writeLines(
      'labelled.jsonl',
      texts.map((text, i) => JSON.stringify({ text, label: ['code', 'math', 'creative', 'chat', 'code'][i] })),
    );
    const { code, stdout, stderr } = await runCaptured(['--config', config, '--json', '--file', file]);
    expect(code).toBe(0);
    const results = stdout.trim().split('\n').map((line) => JSON.parse(line) as { top: { label: string; probability: number }[] });
    expect(results).toHaveLength(texts.length);

    const reference = await loadClassifier(classifierConfig(modelDir, { threshold: 0 }));
    for (const [i, text] of texts.entries()) {
      const expected = await reference.classify(text);
      const got = new Map((results[i]?.top ?? []).map((t) => [t.label, t.probability]));
      for (const t of expected.top) expect(Math.abs((got.get(t.label) ?? Infinity) - t.probability)).toBeLessThanOrEqual(1e-5);
    }
    await reference.close();
    expect(stderr).toMatch(/accuracy \d\.\d{4} \(\d\/5 labelled\)/);
    expect(stderr).toMatch(/confusion matrix/);
  });

  it('skips blank lines, prints human lines, and no accuracy without labels', async () => {
    const file = await writeLines('plain.jsonl', [JSON.stringify({ text: texts[0] }), '', JSON.stringify({ text: texts[1] })]);
    const { code, stdout, stderr } = await runCaptured(['--config', config, '--file', file]);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(2);
    expect(stdout).toContain(JSON.stringify(texts[1]));
    expect(stderr).not.toMatch(/accuracy/);
  });

  it('a line that is not {"text"} is a usage error naming the line (exit 2)', async () => {
    const file = await writeLines('broken.jsonl', [JSON.stringify({ text: 'fine' }), '{"txt": "typo"}']);
    const { code, stderr, stdout } = await runCaptured(['--config', config, '--json', '--file', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}:2`);
    expect(stdout).toBe('');
    const notJson = await writeLines('not-json.jsonl', ['{oops']);
    expect((await runCaptured(['--config', config, '--file', notJson])).stderr).toContain(`${notJson}:1: not valid JSON`);
  });

  it('a missing input file exits 2', async () => {
    const { code, stderr } = await runCaptured(['--config', config, '--file', path.join(work, 'absent.jsonl')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot read .*absent\.jsonl: ENOENT/);
  });
});

describe('consilium classify errors', () => {
  it('usage errors exit 2: no text, or both a text and --file', async () => {
    expect((await runCaptured(['--config', config])).code).toBe(2);
    expect((await runCaptured(['--config', config, '--file', 'x.jsonl', 'text'])).code).toBe(2);
    expect((await runCaptured(['--no-such-flag', 'text'])).code).toBe(2);
  });

  it('a broken config exits 2 with the config problem', async () => {
    const bad = path.join(work, 'bad.yaml');
    await writeFile(bad, 'models: {}\ndecisions: []\n');
    const { code, stderr } = await runCaptured(['--config', bad, 'hello']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/config schema failed/);
  });

  it('a classification that fails at run time exits 1', async () => {
    // Loads and warms up fine ("warm up" is 4 tokens), but has only 4 position rows: longer inputs fail in ONNX.
    const shortModel = await handBuiltModel(
      path.join(work, 'four-positions'),
      modelDir,
      (g, embedded, _mask, ids) => {
        const length = g.node('Gather', [g.node('Shape', [ids]), g.constant('int64', [1], [])], { axis: 0 });
        const range = g.node('Range', [g.constant('int64', [0], []), length, g.constant('int64', [1], [])]);
        const positions = g.node('Gather', [g.weight('positions', [4, WIDTH], new Float32Array(4 * WIDTH)), range]);
        g.node('ReduceSum', [g.node('Add', [embedded, positions]), g.constant('int64', [1])], { keepdims: 0 }, 'logits');
        g.output('logits', 'float32', ['batch', WIDTH]);
      },
      { config: { architectures: ['BertForSequenceClassification'], id2label: { 0: 'a', 1: 'b', 2: 'c', 3: 'd' } } },
    );
    const shortConfig = path.join(work, 'four-positions.yaml');
    await writeFile(shortConfig, configYaml(shortModel));
    expect((await runCaptured(['--config', shortConfig, 'ok'])).code).toBe(0);
    const { code, stderr } = await runCaptured(['--config', shortConfig, 'this text is much longer than four tokens']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^consilium classify: classification failed: classifier inference failed: \S/);
  });

  it('a missing model exits 2 naming the directory', async () => {
    const { code, stderr, stdout } = await runCaptured(['--config', missingModelConfig, '--json', 'hello']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('classifier model directory does not exist');
    expect(stderr).toContain(path.join(work, 'no-such-model'));
  });
});

describe('bin/consilium.js classify (spawned)', () => {
  const exec = promisify(execFile);
  const cli = (args: string[]) =>
    exec(process.execPath, [path.join(PACKAGE_ROOT, 'bin', 'consilium.js'), 'classify', ...args], { cwd: work }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it('prints one JSON object with --json and exits 0', async () => {
    const { code, stdout } = await cli(['--config', config, '--json', 'Prove that the square root of 2 is irrational']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(Object.keys(JSON.parse(lines[0] as string) as object)).toEqual(['label', 'probability', 'top', 'latency_ms']);
  });

  it('exits 2 with a clear message when the model is missing', async () => {
    const { code, stderr } = await cli(['--config', missingModelConfig, 'hello']);
    expect(code).toBe(2);
    expect(stderr).toContain('classifier model directory does not exist');
  });
});
