import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { externalProcessorService } from '../../src/extproc/protos.js';
import { requestBody, requestHeaders } from '../support/envoy-messages.js';
import { baseYaml } from '../support/config.js';
import { runCli, startCli } from '../support/cli.js';

const children: { child: { kill(signal?: NodeJS.Signals): boolean } }[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.child.kill('SIGKILL');
});

async function tempConfig(yaml: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'consilium-cli-'));
  const file = path.join(dir, 'config.yaml');
  await writeFile(file, yaml);
  return file;
}

describe('consilium validate', () => {
  it('exits 0 for a valid config and prints each recipe call bound', async () => {
    const result = await runCli(['validate', '--config', 'config/recipes.example.yaml']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/recipe fusion \(fusion\): \d+\.\.\d+ calls/);
  });

  it('exits 2 listing every problem with path and value; --json prints one object', async () => {
    const file = await tempConfig(baseYaml().replace('model: big\n    reason', 'model: nope\n    reason'));
    const human = await runCli(['validate', '--config', file]);
    expect(human.code).toBe(2);
    expect(human.stderr).toContain('decisions[0].model: no such model in `models` (got "nope")');
    const json = await runCli(['validate', '--config', file, '--json']);
    expect(json.code).toBe(2);
    const parsed = JSON.parse(json.stdout);
    expect(parsed).toMatchObject({ valid: false, stage: 'cross-reference', issues: [{ path: 'decisions[0].model', value: 'nope' }] });
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['validate'])).code).toBe(2);
    expect((await runCli(['nonsense'])).code).toBe(2);
    expect((await runCli(['serve', '--bogus'])).code).toBe(2);
  });
});

describe('consilium serve', () => {
  it('drains on SIGTERM: readiness false, in-flight stream finishes, exit 0', async () => {
    const file = await tempConfig(baseYaml().replace('listen: 127.0.0.1:0', 'listen: 127.0.0.1:0'));
    const server = startCli(['serve', '--config', file, '--listen', '127.0.0.1:0', '--admin', '127.0.0.1:0', '--no-watch']);
    children.push(server);
    const ports = await vi.waitFor(
      () => {
        const match = /"ext_proc_port":(\d+),"admin_port":(\d+)/.exec(server.output());
        if (!match) throw new Error('not listening yet');
        return { extProc: Number(match[1]), admin: Number(match[2]) };
      },
      { timeout: 15_000, interval: 100 },
    );
    const Client = externalProcessorService();
    const client = new Client(`127.0.0.1:${ports.extProc}`, grpc.credentials.createInsecure()) as any;
    const call = client.Process();
    const answers: unknown[] = [];
    call.on('data', (a: unknown) => answers.push(a));
    call.on('error', () => undefined);
    call.write(requestHeaders('POST', '/v1/chat/completions'));
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    server.child.kill('SIGTERM');
    await vi.waitFor(async () => expect((await fetch(`http://127.0.0.1:${ports.admin}/readyz`)).status).toBe(503), { timeout: 10_000 });
    call.write(requestBody({ model: 'small', messages: [{ role: 'user', content: 'hi' }] }));
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    call.end();
    expect(await server.exited).toBe(0);
    client.close();
  });

  it('a config error at start exits 2 with the path', async () => {
    const file = await tempConfig('models: {}\ndecisions: []\n');
    const result = await runCli(['serve', '--config', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('models');
  });
});

describe('consilium dev (npm start)', () => {
  it('serves the curl line it prints, and stops cleanly on Ctrl-C', async () => {
    const dev = startCli(['dev', '--port', '0', '--admin-port', '0']);
    children.push(dev);
    const curl = await vi.waitFor(
      () => {
        const line = dev.output().split('\n').find((l) => l.startsWith('curl '));
        if (!line) throw new Error('no curl line yet');
        return line;
      },
      { timeout: 30_000, interval: 100 },
    );
    const { stdout } = await promisify(execFile)('bash', ['-c', curl]);
    expect(stdout).toMatch(/^HTTP\/1\.1 200/);
    expect(stdout).toMatch(/x-consilium-decision: /i);
    const body = JSON.parse(stdout.slice(stdout.indexOf('\r\n\r\n') + 4));
    expect(body.object).toBe('chat.completion');
    dev.child.kill('SIGINT');
    expect(await dev.exited).toBe(0);
    expect(dev.output()).toContain('stopped');
  });
});
