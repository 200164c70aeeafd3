import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassifierLoadError } from '../../src/classify/errors.js';
import { loadClassifier } from '../../src/classify/load.js';
import { readModelFiles } from '../../src/classify/model-files.js';
import { classifierConfig, smallClassifier, smallEncoder } from './fixtures.js';

let work: string;
let source: string;
let encoderSource: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'consilium-model-files-'));
  [source, encoderSource] = await Promise.all([smallClassifier(), smallEncoder()]);
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** A model directory built from the small random classifier, with some files replaced or left out. */
async function modelDir(name: string, replace: Record<string, string | null> = {}, from = source): Promise<string> {
  const dir = path.join(work, name);
  await mkdir(dir, { recursive: true });
  for (const file of ['model.onnx', 'tokenizer.json', 'tokenizer_config.json', 'config.json']) {
    const content = replace[file];
    if (content === null) continue;
    if (content === undefined) await symlink(path.join(from, file), path.join(dir, file));
    else await writeFile(path.join(dir, file), content);
  }
  return dir;
}

async function loadError(dir: string, overrides = {}): Promise<ClassifierLoadError> {
  const error = await loadClassifier(classifierConfig(dir, overrides)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClassifierLoadError);
  return error as ClassifierLoadError;
}

describe('readModelFiles', () => {
  it('reads labels in id order and the architectures', async () => {
    const files = await readModelFiles(source);
    expect(files.labels).toEqual(['code', 'math', 'creative', 'chat']);
    expect(files.architectures).toEqual(['BertForSequenceClassification']);
    expect(files.modelPath).toBe(path.join(source, 'model.onnx'));
  });

  it('finds onnx/model.onnx and treats tokenizer_config.json as optional', async () => {
    const dir = await modelDir('nested', { 'model.onnx': null, 'tokenizer_config.json': null });
    await mkdir(path.join(dir, 'onnx'));
    await symlink(path.join(source, 'model.onnx'), path.join(dir, 'onnx', 'model.onnx'));
    const files = await readModelFiles(dir);
    expect(files.modelPath).toBe(path.join(dir, 'onnx', 'model.onnx'));
    expect(files.tokenizerConfig).toEqual({});
    const classifier = await loadClassifier(classifierConfig(dir));
    expect((await classifier.classify('hello')).top).toHaveLength(4);
    await classifier.close();
  });
});

describe('load errors name the path and what is wrong', () => {
  it('missing directory', async () => {
    const missing = path.join(work, 'does-not-exist');
    const error = await loadError(missing);
    expect(error.path).toBe(missing);
    expect(error.message).toMatch(/does not exist/);
  });

  it('a file where the directory should be', async () => {
    const file = path.join(work, 'plain-file');
    await writeFile(file, 'x');
    expect((await loadError(file)).message).toMatch(/not a directory/);
  });

  it('no model.onnx', async () => {
    const dir = await modelDir('no-model', { 'model.onnx': null });
    expect((await loadError(dir)).message).toMatch(/no model\.onnx or onnx\/model\.onnx/);
  });

  it('no tokenizer.json', async () => {
    const dir = await modelDir('no-tokenizer', { 'tokenizer.json': null });
    const error = await loadError(dir);
    expect(error.path).toBe(path.join(dir, 'tokenizer.json'));
    expect(error.message).toMatch(/tokenizer\.json is missing/);
  });

  it('no config.json', async () => {
    const dir = await modelDir('no-config', { 'config.json': null });
    expect((await loadError(dir)).message).toMatch(/config\.json is missing/);
  });

  it('config.json that is not JSON, or not an object', async () => {
    expect((await loadError(await modelDir('bad-json', { 'config.json': '{ nope' }))).message).toMatch(/config\.json is not valid JSON/);
    expect((await loadError(await modelDir('array-json', { 'config.json': '[1]' }))).message).toMatch(/must hold a JSON object/);
  });

  it('id2label with a gap, a non-string label or duplicates', async () => {
    const config = (id2label: unknown) => JSON.stringify({ architectures: ['BertForSequenceClassification'], id2label });
    expect((await loadError(await modelDir('gap', { 'config.json': config({ 0: 'a', 2: 'b' }) }))).message).toMatch(/ids must be 0\.\.1/);
    expect((await loadError(await modelDir('nonstring', { 'config.json': config({ 0: 'a', 1: 5 }) }))).message).toMatch(/must be a non-empty string/);
    expect((await loadError(await modelDir('dupes', { 'config.json': config({ 0: 'a', 1: 'a' }) }))).message).toMatch(/duplicate labels/);
  });

  it('a sequence classifier without id2label', async () => {
    const dir = await modelDir('no-labels', { 'config.json': JSON.stringify({ architectures: ['BertForSequenceClassification'] }) });
    expect((await loadError(dir)).message).toMatch(/needs id2label/);
  });

  it('id2label that disagrees with the logits width', async () => {
    const config = JSON.stringify({ architectures: ['BertForSequenceClassification'], id2label: { 0: 'a', 1: 'b', 2: 'c' } });
    expect((await loadError(await modelDir('three-labels', { 'config.json': config }))).message).toMatch(/outputs 4 logits .* 3 labels/);
  });

  it('an ONNX file that does not load', async () => {
    const dir = await modelDir('garbage', { 'model.onnx': 'this is not a protobuf' });
    const error = await loadError(dir);
    expect(error.path).toBe(path.join(dir, 'model.onnx'));
    expect(error.message).toMatch(/ONNX model failed to load/);
  });

  it('a tokenizer.json the tokenizer cannot build', async () => {
    const dir = await modelDir('bad-tokenizer', { 'tokenizer.json': JSON.stringify({ model: { type: 'NoSuchModel' } }) });
    expect((await loadError(dir)).message).toMatch(/tokenizer\.json cannot be loaded/);
  });

  it('config.json claiming a classifier for an encoder export', async () => {
    const config = await readFile(path.join(source, 'config.json'), 'utf8');
    const dir = await modelDir('lying-config', { 'config.json': config }, encoderSource);
    expect((await loadError(dir)).message).toMatch(/no logits output/);
  });

  it('an encoder without label examples', async () => {
    expect((await loadError(encoderSource, { examples: {} })).message).toMatch(/needs label examples/);
  });
});
