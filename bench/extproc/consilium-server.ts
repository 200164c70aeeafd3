/**
 * Rows (b)–(d): Consilium's real server (startServerApp: ExtProcServer, pipeline, classifier when the config
 * needs one) in its own process, with the production logger at info level (one line per request) writing to
 * /dev/null, or to the file BENCH_SERVER_LOG names; BENCH_SERVER_LOG_LEVEL overrides the level (experiments).
 * argv[2] is JSON `{ "yaml": ..., "baseDir": ... }`. It can also profile itself for a window
 * (profileStart / profileStop).
 */
import { pino } from 'pino';
import { startServerApp } from '../../src/cli/server-app.js';
import { loadConfigText } from '../../src/config/load.js';
import { createLogger } from '../../src/observability/logger.js';
import { reportStartupFailure, serveParent } from '../lib/child.js';
import { startProfile, stopProfile } from './inspector-profile.js';
import { processUsage } from './usage.js';

export interface ConsiliumServerArgs {
  readonly yaml: string;
  readonly baseDir: string;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as ConsiliumServerArgs;
  const config = loadConfigText(args.yaml, { baseDir: args.baseDir });
  const logger = createLogger({ level: process.env.BENCH_SERVER_LOG_LEVEL ?? 'info', destination: pino.destination({ dest: process.env.BENCH_SERVER_LOG ?? '/dev/null', sync: false }) });
  const app = await startServerApp({ config, logger, listen: { host: '127.0.0.1', port: 0 }, admin: false });
  serveParent({ usage: processUsage, profileStart: () => startProfile(), profileStop: (file: string) => stopProfile(file), stop: () => app.stop() }, { port: app.extProcPort, classifier: app.runtime().classifier !== undefined });
}

main().catch(reportStartupFailure);
