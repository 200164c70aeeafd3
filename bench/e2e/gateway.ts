/**
 * The end-to-end bench's Envoy stand-in: the dev gateway configured from the bootstrap `consilium envoy` would
 * generate for the same Consilium config, pointed at the Consilium process. argv[2] is JSON
 * `{ "yaml": ..., "baseDir": ..., "extProcPort": ... }`.
 */
import { loadConfigText } from '../../src/config/load.js';
import { gatewayOptionsFromBootstrap, startGateway } from '../../src/dev/gateway/index.js';
import { generateBootstrap } from '../../src/envoy/generate.js';
import { reportStartupFailure, serveParent } from '../lib/child.js';

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as { yaml: string; baseDir: string; extProcPort: number };
  const config = loadConfigText(args.yaml, { baseDir: args.baseDir });
  const bootstrap = generateBootstrap(config, { extProcAddress: { host: '127.0.0.1', port: args.extProcPort }, listenHost: '127.0.0.1', listenPort: 0 });
  const gateway = await startGateway(gatewayOptionsFromBootstrap(bootstrap));
  serveParent({ stop: () => gateway.close() }, { url: gateway.url });
}

main().catch(reportStartupFailure);
