/**
 * The serving path an eval drives: the dev stack (src/dev/stack.ts), i.e. Consilium's ext_proc server and the
 * Envoy-faithful gateway configured from the bootstrap `consilium envoy` generates for the same config, on
 * loopback ports. In a simulation the stack also runs the simulated panel, one OpenAI-compatible server that
 * answers for every simulated model by name; the sweep swaps its responder between ρ values.
 */
import path from 'node:path';
import type { ConsiliumConfig } from '../config/types.js';
import type { SimBackend } from '../dev/sim-backend.js';
import { startDevStack } from '../dev/stack.js';
import type { Logger } from '../observability/logger.js';
import type { EvalItem } from './dataset.js';
import { EvalRunError } from './errors.js';
import { consiliumYaml, type EvalFile } from './setup.js';
import type { SimParams } from './sim/params.js';
import { createSimResponder } from './sim/responder.js';

const PANEL = 'panel';

export interface EvalStack {
  readonly gatewayUrl: string;
  readonly config: ConsiliumConfig;
  /** The simulated panel, when the eval file has a simulation. */
  readonly panel: SimBackend | undefined;
  close(): Promise<void>;
}

export async function startEvalStack(file: EvalFile, items: readonly EvalItem[], params: SimParams | undefined, logger: Logger): Promise<EvalStack> {
  let stack;
  try {
    stack = await startDevStack({
      backends: params ? { [PANEL]: { name: 'sim-panel', respond: createSimResponder({ params, items }), seed: params.seed } } : {},
      configYaml: (backends) => consiliumYaml(file, backends[PANEL]?.baseURL),
      adminPort: false,
      logger,
      baseDir: path.dirname(file.source),
    });
  } catch (error) {
    if ((error as Error).name === 'ConfigError' || (error as Error).name === 'EvalInputError') throw error;
    throw new EvalRunError(`cannot start the eval stack: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { gatewayUrl: stack.gatewayUrl, config: stack.config, panel: stack.backends[PANEL], close: () => stack.close() };
}
