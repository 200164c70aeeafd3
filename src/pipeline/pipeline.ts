/**
 * The transport-free request lifecycle. `precheck` runs at request headers (answers what needs no body:
 * /v1/models, wrong methods, oversize bodies); `handle` runs once the buffered body arrives.
 */
import { RequestError, toRouterError } from '../errors/index.js';
import { parseJsonBody, validateModelRequest } from '../openai/validate.js';
import { listModelNames, resolveModel } from '../routing/models.js';
import { handleChat, type ChatDeps } from './chat.js';
import { errorPlan, jsonPlan } from './respond.js';
import { routePlan } from './route.js';
import type { Plan, RequestInput, RespondPlan, ResponseMeta } from './types.js';

export type PipelineDeps = ChatDeps;

type Endpoint = 'chat' | 'completions' | 'embeddings' | 'models';

const ENDPOINTS: Readonly<Record<string, { readonly endpoint: Endpoint; readonly method: 'GET' | 'POST' }>> = {
  '/v1/chat/completions': { endpoint: 'chat', method: 'POST' },
  '/v1/completions': { endpoint: 'completions', method: 'POST' },
  '/v1/embeddings': { endpoint: 'embeddings', method: 'POST' },
  '/v1/models': { endpoint: 'models', method: 'GET' },
};

export interface HeadersInput {
  readonly method: string;
  readonly path: string;
  readonly headers: ReadonlyMap<string, string>;
  readonly requestId: string;
  /** True when the request has no body (Envoy sent end_of_stream with the headers). */
  readonly endOfStream: boolean;
}

export class Pipeline {
  constructor(readonly deps: PipelineDeps) {}

  get config(): PipelineDeps['config'] {
    return this.deps.config;
  }

  /** A plan when the headers alone decide the answer; undefined to wait for the body. */
  precheck(input: HeadersInput): RespondPlan | undefined {
    const meta: ResponseMeta = { requestId: input.requestId, recipe: 'single' };
    const pathname = input.path.split('?')[0] ?? '';
    const spec = ENDPOINTS[pathname];
    if (!spec) return errorPlan(new RequestError('not_found', `no such API path: ${pathname}`), meta);
    if (input.method !== spec.method) {
      return errorPlan(new RequestError('method_not_allowed', `${input.method} is not allowed on ${pathname}; use ${spec.method}`, { headers: { allow: spec.method } }), meta);
    }
    if (spec.endpoint === 'models') return this.listModels(meta);
    const length = Number(input.headers.get('content-length') ?? NaN);
    if (length > this.config.server.maxBodyBytes) return this.tooLarge(meta);
    if (input.endOfStream) return errorPlan(new RequestError('invalid_request', 'request body is required'), meta);
    return undefined;
  }

  async handle(input: RequestInput): Promise<Plan> {
    const meta: ResponseMeta = { requestId: input.requestId, recipe: 'single' };
    if (input.body.length > this.config.server.maxBodyBytes) return this.tooLarge(meta);
    const pathname = input.path.split('?')[0] ?? '';
    const spec = ENDPOINTS[pathname];
    if (!spec) return errorPlan(new RequestError('not_found', `no such API path: ${pathname}`), meta);
    if (spec.endpoint === 'chat') return handleChat(input, this.deps);
    if (spec.endpoint === 'models') return this.listModels(meta);
    try {
      return this.routeByModelName(input, meta);
    } catch (error) {
      return errorPlan(toRouterError(error), meta);
    }
  }

  /** /v1/completions and /v1/embeddings take a configured model name; virtual models are chat-only. */
  private routeByModelName(input: RequestInput, meta: ResponseMeta): Plan {
    const body = parseJsonBody(input.body);
    const { model: requested } = validateModelRequest(body);
    const target = resolveModel(this.config, requested);
    if (target.kind === 'unknown') throw new RequestError('model_not_found', `The model '${requested}' does not exist`, { param: 'model' });
    if (target.kind !== 'model') {
      throw new RequestError('invalid_request', `${requested} is a virtual model; ${input.path.split('?')[0]} needs a configured model name`, { param: 'model' });
    }
    const routeMeta = { ...meta, decision: 'explicit', reason: `client asked for model ${target.model.name}` };
    return routePlan(target.model, input.path, body, routeMeta, this.deps.apiKey?.(target.model.name));
  }

  private listModels(meta: ResponseMeta): RespondPlan {
    const created = 0;
    const data = listModelNames(this.config).map(({ id, ownedBy }) => ({ id, object: 'model', created, owned_by: ownedBy }));
    return jsonPlan(200, { object: 'list', data }, meta);
  }

  private tooLarge(meta: ResponseMeta): RespondPlan {
    return errorPlan(new RequestError('body_too_large', `request body exceeds ${this.config.server.maxBodyBytes} bytes`), meta);
  }
}
