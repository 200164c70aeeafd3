/**
 * `consilium dev` (npm start): the offline demo. Simulated backends, Consilium and the Envoy-faithful gateway
 * in one process; prints a curl line and an openai snippet that work as printed. Ctrl-C stops everything.
 */
import { createLogger } from '../observability/logger.js';
import { startDevStack } from '../dev/stack.js';
import { parse, UsageError, withUsage } from './args.js';

const USAGE = 'usage: consilium dev [--port 8080] [--admin-port 9190] [--host 127.0.0.1] [--log-level LEVEL]\n';

export function run(argv: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const { values } = parse(argv, {
      port: { type: 'string', default: '8080' },
      'admin-port': { type: 'string', default: '9190' },
      host: { type: 'string', default: '127.0.0.1' },
      'log-level': { type: 'string', default: 'warn' },
      help: { type: 'boolean' },
    });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const port = portArg('--port', values.port);
    const adminPort = portArg('--admin-port', values['admin-port']);
    const logger = createLogger({ level: values['log-level'] });
    const stack = await startDevStack({ gatewayPort: port, gatewayHost: values.host, adminPort, logger });
    const base = `${stack.gatewayUrl}/v1`;
    const body = JSON.stringify({ model: 'consilium/auto', messages: [{ role: 'user', content: 'Write a python function that reverses a string' }] });
    process.stdout.write(
      [
        'Consilium dev stack is up (offline: simulated backends on loopback).',
        `  gateway (plays Envoy)  ${base}`,
        `  ext_proc (gRPC)        127.0.0.1:${stack.app.extProcPort}`,
        `  admin                  http://127.0.0.1:${stack.app.adminPort}/metrics  /healthz  /readyz`,
        `  backends               ${Object.values(stack.backends).map((b) => `${b.name} ${b.url}`).join('   ')}`,
        '',
        'Try it (the x-consilium-* response headers say what was decided):',
        `curl -si ${base}/chat/completions -H 'content-type: application/json' -d '${body}'`,
        '',
        'Or a recipe: replace the model with consilium/fusion, consilium/confidence, consilium/ratings, consilium/remom,',
        'consilium/workflows; or a configured model: small, big.',
        '',
        'JavaScript (npm i openai), unchanged client code pointed at the gateway:',
        `  import OpenAI from 'openai';`,
        `  const client = new OpenAI({ baseURL: '${base}', apiKey: 'unused-in-dev' });`,
        `  const answer = await client.chat.completions.create({ model: 'consilium/fusion', messages: [{ role: 'user', content: 'Is it safe to mix bleach and vinegar?' }] });`,
        `  console.log(answer.choices[0].message.content);`,
        '',
        'Ctrl-C stops everything.',
        '',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.stderr.write('stopping...\n');
        void stack.close().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    logger.flush();
    process.stderr.write('stopped\n');
    return 0;
  });
}

function portArg(flag: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`${flag} expects a port number, got '${value}'`);
  return port;
}
