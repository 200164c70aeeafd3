/** `consilium serve --config FILE [--listen HOST:PORT] [--admin HOST:PORT]`: the production server. */
import { parseHostPort } from '../config/build.js';
import { loadConfigFile } from '../config/load.js';
import { ConfigError } from '../errors/index.js';
import { createLogger } from '../observability/logger.js';
import { parse, UsageError, withUsage } from './args.js';
import { startServerApp } from './server-app.js';
import { isStartupError, describeStartupError } from './startup-errors.js';

const USAGE = `usage: consilium serve --config FILE [--listen HOST:PORT] [--admin HOST:PORT] [--envoy-config FILE] [--no-watch] [--log-level LEVEL]

  --envoy-config FILE  the bootstrap Envoy runs: every model's cluster must exist there (checked at start and reload)
  --no-watch           do not reload when the config file changes (SIGHUP still reloads)
`;

export function run(argv: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const { values } = parse(argv, {
      config: { type: 'string' },
      listen: { type: 'string' },
      admin: { type: 'string' },
      'envoy-config': { type: 'string' },
      'no-watch': { type: 'boolean' },
      'log-level': { type: 'string' },
      help: { type: 'boolean' },
    });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (!values.config) throw new UsageError('--config is required');
    const logger = createLogger(values['log-level'] ? { level: values['log-level'] } : {});
    let app;
    try {
      const config = await loadConfigFile(values.config);
      app = await startServerApp({
        config,
        logger,
        ...(values.listen ? { listen: hostPortArg('--listen', values.listen) } : {}),
        ...(values.admin ? { admin: hostPortArg('--admin', values.admin) } : {}),
        ...(values['envoy-config'] ? { envoyConfigFile: values['envoy-config'] } : {}),
        watch: !values['no-watch'],
      });
    } catch (error) {
      if (error instanceof ConfigError || isStartupError(error)) {
        process.stderr.write(`consilium: ${describeStartupError(error)}\n`);
        return 2;
      }
      throw error;
    }
    await new Promise<void>((resolve) => {
      const stop = (signal: string): void => {
        logger.info({ signal }, 'draining');
        void app.stop().then(resolve);
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
      process.on('SIGHUP', () => {
        logger.info('SIGHUP: reloading the config');
        void app.reload();
      });
    });
    logger.info('stopped');
    logger.flush();
    return 0;
  });
}

function hostPortArg(flag: string, value: string): { host: string; port: number } {
  if (!/^.+:\d{1,5}$/.test(value)) throw new UsageError(`${flag} expects HOST:PORT, got '${value}'`);
  return parseHostPort(value);
}
