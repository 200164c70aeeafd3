import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiKeySource } from '../../src/backends/api-key.js';
import { ConfigError } from '../../src/errors/index.js';

describe('apiKeySource', () => {
  const dirs: string[] = [];
  const tempFile = (content: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'consilium-key-'));
    dirs.push(dir);
    const file = join(dir, 'key');
    writeFileSync(file, content);
    return file;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the env var at every call, trimmed, and treats empty as none', () => {
    const env: NodeJS.ProcessEnv = { KEY: ' abc\n' };
    const source = apiKeySource({ name: 'm', apiKeyEnv: 'KEY', apiKeyFile: undefined }, { filePollMs: 0, env });
    expect(source.current()).toBe('abc');
    env.KEY = '';
    expect(source.current()).toBeUndefined();
    delete env.KEY;
    expect(source.current()).toBeUndefined();
  });

  it('has no key when neither env nor file is configured', () => {
    expect(apiKeySource({ name: 'm', apiKeyEnv: undefined, apiKeyFile: undefined }, { filePollMs: 0, env: {} }).current()).toBeUndefined();
  });

  it('reads the file at load and prefers a set env var over it', () => {
    const env: NodeJS.ProcessEnv = {};
    const source = apiKeySource({ name: 'm', apiKeyEnv: 'KEY', apiKeyFile: tempFile('from-file\n') }, { filePollMs: 0, env });
    expect(source.current()).toBe('from-file');
    env.KEY = 'from-env';
    expect(source.current()).toBe('from-env');
    source.close();
  });

  it('fails with a ConfigError naming the model when the file is missing', () => {
    const load = () => apiKeySource({ name: 'big', apiKeyEnv: undefined, apiKeyFile: '/nonexistent/consilium/key' }, { filePollMs: 0, env: {} });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/models\.big\.api_key_file/);
  });

  it('picks up a rotated key file', async () => {
    const file = tempFile('old-key');
    const source = apiKeySource({ name: 'm', apiKeyEnv: undefined, apiKeyFile: file }, { filePollMs: 10, env: {} });
    try {
      expect(source.current()).toBe('old-key');
      writeFileSync(file, 'new-key-longer\n');
      await expect.poll(() => source.current(), { timeout: 3_000, interval: 10 }).toBe('new-key-longer');
    } finally {
      source.close();
    }
  });
});
