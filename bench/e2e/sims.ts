/**
 * The end-to-end bench's simulated OpenAI backends (`small`, and `big` under /openai/v1), in their own process,
 * answering at once with a short fixed answer. `clear` drops their request logs between windows.
 */
import { startSimBackend } from '../../src/dev/sim-backend.js';
import { reportStartupFailure, serveParent } from '../lib/child.js';

export const SIM_ANSWER = 'Paris.';

export interface SimsInfo {
  readonly small: { readonly port: number; readonly baseURL: string };
  readonly big: { readonly port: number; readonly baseURL: string };
}

async function main(): Promise<void> {
  const respond = () => ({ content: SIM_ANSWER });
  const small = await startSimBackend({ name: 'small', models: ['sim-small'], respond, latencyMs: 0 });
  const big = await startSimBackend({ name: 'big', models: ['sim-big'], basePath: '/openai', respond, latencyMs: 0 });
  const info: SimsInfo = { small: { port: small.port, baseURL: small.baseURL }, big: { port: big.port, baseURL: big.baseURL } };
  serveParent(
    {
      clear: () => {
        small.clear();
        big.clear();
      },
      stop: () => Promise.all([small.close(), big.close()]),
    },
    info,
  );
}

main().catch(reportStartupFailure);
