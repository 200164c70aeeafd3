/**
 * `consilium <command>`: dispatches to one module per command. Exit codes: 0 success, 1 runtime failure,
 * 2 usage or config error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../config/paths.js';
import { describeStartupError, isStartupError } from './startup-errors.js';

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Readonly<Record<string, { readonly summary: string; readonly load: () => Promise<Command> }>> = {
  serve: { summary: 'run the ext_proc server', load: async () => (await import('./serve.js')).run },
  validate: { summary: 'check a config file', load: async () => (await import('./validate.js')).run },
  envoy: { summary: 'generate or check the Envoy bootstrap', load: async () => (await import('./envoy.js')).run },
  classify: { summary: 'classify text with the intent model', load: async () => (await import('./classify.js')).run },
  dev: { summary: 'offline demo: backends, Consilium and the Envoy-faithful gateway', load: async () => (await import('./dev.js')).run },
  eval: { summary: 'measure recipes: accuracy, cost, latency', load: async () => (await import('./eval.js')).run },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: consilium <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'consilium <command> --help' for a command's options.\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`consilium: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  return (await command.load())(rest);
}

const code = await main(process.argv.slice(2)).catch((error: unknown) => {
  if (isStartupError(error)) {
    process.stderr.write(`consilium: ${describeStartupError(error)}\n`);
    return 2;
  }
  process.stderr.write(`consilium: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
});
process.exitCode = code;
// Commands return when their work is done (servers after draining). Pools or native threads may still hold
// the event loop open: give stdout a moment to flush, then exit.
setTimeout(() => process.exit(code), 200).unref();
