/**
 * Runs the security, limits and ReDoS tests (the same files `npm test` runs) through vitest's JSON reporter, so
 * the report lists each check with its outcome; and reads the admin /metrics answer to say what it covered.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { startDevStack } from '../src/dev/stack.js';
import type { CheckResult, MetricsStatus } from './report/types.js';

export const CHECK_FILES = ['test/reliability/security.test.ts', 'test/reliability/limits.test.ts', 'test/reliability/redos.test.ts'] as const;

interface VitestJson {
  readonly testResults: readonly {
    readonly name: string;
    readonly assertionResults: readonly { readonly fullName: string; readonly status: string; readonly failureMessages: readonly string[] }[];
  }[];
}

export async function runChecks(cwd: string): Promise<CheckResult[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'consilium-checks-'));
  const outputFile = path.join(dir, 'vitest.json');
  try {
    const vitest = path.join(cwd, 'node_modules', '.bin', 'vitest');
    await new Promise<void>((resolve, reject) => {
      const child = spawn(vitest, ['run', ...CHECK_FILES, '--reporter=json', `--outputFile=${outputFile}`], { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('error', reject);
      child.on('exit', () => resolve());
    });
    const report = JSON.parse(await readFile(outputFile, 'utf8')) as VitestJson;
    return report.testResults.flatMap((file) =>
      file.assertionResults.map((test) => ({
        file: path.relative(cwd, file.name),
        name: test.fullName,
        passed: test.status === 'passed',
        ...(test.failureMessages.length > 0 ? { message: test.failureMessages[0]!.split('\n')[0] } : {}),
      })),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function metricsStatus(): Promise<MetricsStatus> {
  const stack = await startDevStack({});
  try {
    const response = await request(`http://127.0.0.1:${stack.app.adminPort}/metrics`);
    const text = await response.body.text();
    return { lines: text.split('\n').filter((line) => line.trim() !== '').length };
  } finally {
    await stack.close();
  }
}
