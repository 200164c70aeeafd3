import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EvalInputError } from '../../src/eval/errors.js';
import { buildConsiliumConfig, consiliumYaml, parseEvalFile, resolveTargets } from '../../src/eval/setup.js';
import { baseYaml } from '../support/config.js';

const SIM = `
dataset: data.jsonl
targets: [a, consilium/vote]
simulation:
  models: { a: 0.7, b: 0.8 }
consilium:
  server: { listen: 0.0.0.0:50051 }
  models:
    a: { pricing: { input: 1, output: 1 } }
    b: { pricing: { input: 3, output: 3 } }
    real: { model: gpt-x, base_url: https://api.example.com/v1 }
  decisions: [{ name: default, default: true, model: a }]
  recipes:
    vote: { type: ratings, candidates: [a, b] }
`;

describe('parseEvalFile', () => {
  it('reads an eval file, resolving the dataset next to it', () => {
    const file = parseEvalFile(SIM, '/evals/sim.yaml');
    expect(file).toMatchObject({ dataset: '/evals/data.jsonl', targets: ['a', 'consilium/vote'], judge: undefined, checks: [] });
    expect([...(file.simulation?.models.keys() ?? [])]).toEqual(['a', 'b']);
  });

  it('treats a file without `consilium:` as a plain Consilium config for real endpoints', () => {
    const file = parseEvalFile(baseYaml(), '/c.yaml');
    expect(file.simulation).toBeUndefined();
    expect(Object.keys(file.consilium)).toContain('models');
  });

  it('rejects unknown keys and bad YAML with the file and path', () => {
    expect(() => parseEvalFile(`${SIM}\nextra: 1\n`, '/e.yaml')).toThrowError(/\/e\.yaml: <root>: Unrecognized key.*extra/);
    expect(() => parseEvalFile('a: [1', '/e.yaml')).toThrowError(EvalInputError);
    expect(() => parseEvalFile(SIM.replace('a: 0.7', 'a: 7'), '/e.yaml')).toThrowError(/simulation\.models\.a/);
  });
});

describe('consiliumYaml', () => {
  it('points simulated models at the panel by name, keeps real ones, and takes loopback ports', () => {
    const raw = parse(consiliumYaml(parseEvalFile(SIM, '/e.yaml'), 'http://127.0.0.1:7000/v1'));
    expect(raw.server).toEqual({ listen: '127.0.0.1:0', admin: '127.0.0.1:0' });
    expect(raw.models.a).toMatchObject({ base_url: 'http://127.0.0.1:7000/v1', model: 'a' });
    expect(raw.models.real).toEqual({ model: 'gpt-x', base_url: 'https://api.example.com/v1' });
  });

  it('refuses a model without base_url that the simulation does not know', () => {
    const file = parseEvalFile(SIM.replace('    b: { pricing: { input: 3, output: 3 } }', '    b: { pricing: { input: 3, output: 3 } }\n    ghost: {}'), '/e.yaml');
    expect(() => consiliumYaml(file, 'http://x/v1')).toThrowError(/consilium\.models\.ghost has no base_url and is not in simulation\.models/);
  });
});

describe('resolveTargets', () => {
  const config = buildConsiliumConfig(parseEvalFile(SIM, '/e.yaml'), 'http://127.0.0.1:7000/v1');

  it('defaults to every model and every recipe, without the judge', () => {
    expect(resolveTargets(config, undefined, 'real')).toEqual(['a', 'b', 'consilium/vote']);
    expect(resolveTargets(config, undefined, undefined)).toEqual(['a', 'b', 'real', 'consilium/vote']);
  });

  it('accepts virtual models and rejects unknown names, repeats and a judge target', () => {
    expect(resolveTargets(config, ['consilium/auto', 'a'], undefined)).toEqual(['consilium/auto', 'a']);
    expect(() => resolveTargets(config, ['a', 'zz'], undefined)).toThrowError(/unknown target\(s\): zz/);
    expect(() => resolveTargets(config, ['a', 'a'], undefined)).toThrowError(/repeat/);
    expect(() => resolveTargets(config, ['a'], 'a')).toThrowError(/judge \(a\) cannot also be a target/);
    expect(() => resolveTargets(config, ['a'], 'nobody')).toThrowError(/judge nobody is not a configured model/);
  });
});
