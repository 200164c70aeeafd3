/**
 * The raw shape of a Consilium YAML file, as strict zod schemas: unknown keys fail, so a misspelt key is an
 * error with its path rather than a silently ignored setting. Defaults live here too.
 */
import { z } from 'zod';
import { RecipesSchema } from './recipes.js';

const hostPort = z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+):\d{1,5}$/, 'expected HOST:PORT');
const positiveInt = z.number().int().positive();
const nonNegative = z.number().nonnegative();

export const ServerSchema = z.strictObject({
  listen: hostPort.default('0.0.0.0:50051'),
  admin: hostPort.default('0.0.0.0:9190'),
  max_body_bytes: positiveInt.default(8 * 1024 * 1024),
  max_messages: positiveInt.default(1024),
  max_prompt_tokens: positiveInt.default(200_000),
  max_concurrent_recipes: positiveInt.default(64),
  drain_timeout_ms: positiveInt.default(30_000),
  message_timeout_ms: positiveInt.default(120_000),
});

const PricingSchema = z.strictObject({ input: nonNegative.default(0), output: nonNegative.default(0) });

export const ModelSchema = z
  .strictObject({
    model: z.string().min(1).optional(),
    base_url: z.string().min(1).optional(),
    base_urls: z.array(z.string().min(1)).min(1).optional(),
    cluster: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'cluster names use letters, digits, _ . -').optional(),
    api_key_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name').optional(),
    api_key_file: z.string().min(1).optional(),
    pricing: PricingSchema.default({ input: 0, output: 0 }),
    ratings: z.record(z.string(), z.number().min(0).max(10)).default({}),
    capabilities: z.array(z.enum(['tools', 'logprobs', 'json', 'stream'])).default(['tools', 'logprobs', 'json', 'stream']),
    timeout_ms: positiveInt.default(60_000),
  })
  .refine((m) => (m.base_url === undefined) !== (m.base_urls === undefined), {
    message: 'set exactly one of base_url or base_urls',
  });

export const ClassifierSchema = z.strictObject({
  model_dir: z.string().min(1).optional(),
  max_tokens: z.number().int().min(8).max(4096).default(256),
  threshold: z.number().min(0).max(1).default(0),
  batch: z.strictObject({ max_size: z.number().int().min(1).max(256).default(16), window_ms: z.number().min(0).max(50).default(2) }).default({ max_size: 16, window_ms: 2 }),
  threads: z.strictObject({ intra_op: z.number().int().min(1).max(64).default(1), inter_op: z.number().int().min(1).max(64).default(1) }).default({ intra_op: 1, inter_op: 1 }),
  examples: z.record(z.string(), z.array(z.string().min(1)).min(1)).default({}),
  /** Run inference in a worker thread (default) so it never stalls the ext_proc event loop. */
  worker: z.boolean().default(true),
  knn: z.number().int().min(0).max(50).default(0),
  include_system_prompt: z.boolean().default(false),
});

const KeywordSetSchema = z.strictObject({
  words: z.array(z.string().min(1)).default([]),
  phrases: z.array(z.string().min(1)).default([]),
  regex: z.array(z.string().min(1)).default([]),
  match: z.enum(['any', 'all']).default('any'),
  case_sensitive: z.boolean().default(false),
});

export const SignalsSchema = z.strictObject({
  keywords: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'keyword set names use letters, digits, _ . -'), KeywordSetSchema).default({}),
});

const RangeSchema = z
  .strictObject({ gt: z.number().optional(), gte: z.number().optional(), lt: z.number().optional(), lte: z.number().optional() })
  .refine((r) => Object.keys(r).length > 0, { message: 'a range needs at least one of gt, gte, lt, lte' });

export type RawCondition =
  | { all: RawCondition[] }
  | { any: RawCondition[] }
  | { not: RawCondition }
  | { keyword: string }
  | { category: string | string[]; min_confidence?: number }
  | { tokens: z.infer<typeof RangeSchema> }
  | { messages: z.infer<typeof RangeSchema> }
  | { depth: z.infer<typeof RangeSchema> }
  | { max_tokens: z.infer<typeof RangeSchema> }
  | { stream: boolean }
  | { tools: boolean }
  | { response_format: boolean };

export const ConditionSchema: z.ZodType<RawCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    z.strictObject({ not: ConditionSchema }),
    z.strictObject({ keyword: z.string().min(1) }),
    z.strictObject({ category: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]), min_confidence: z.number().min(0).max(1).optional() }),
    z.strictObject({ tokens: RangeSchema }),
    z.strictObject({ messages: RangeSchema }),
    z.strictObject({ depth: RangeSchema }),
    z.strictObject({ max_tokens: RangeSchema }),
    z.strictObject({ stream: z.boolean() }),
    z.strictObject({ tools: z.boolean() }),
    z.strictObject({ response_format: z.boolean() }),
  ]),
);

export const DecisionSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'decision names use letters, digits, _ . -'),
    priority: z.number().int().default(0),
    when: ConditionSchema.optional(),
    default: z.boolean().default(false),
    model: z.string().min(1).optional(),
    recipe: z.string().min(1).optional(),
    reason: z.string().max(200).optional(),
  })
  .refine((d) => (d.model === undefined) !== (d.recipe === undefined), { message: 'a decision names exactly one of model or recipe' })
  .refine((d) => d.default || d.when !== undefined, { message: 'a non-default decision needs `when`' })
  .refine((d) => !(d.default && d.when !== undefined), { message: 'the default decision takes no `when`' });

export const BudgetSchema = z.strictObject({
  max_calls: positiveInt.default(8),
  max_total_tokens: positiveInt.default(64_000),
  max_cost_usd: z.number().positive().default(1),
  deadline_ms: positiveInt.default(60_000),
});

export const VirtualModelsSchema = z.strictObject({
  aliases: z.record(z.string().min(1), z.string().min(1)).default({}),
  auto_profiles: z.record(z.string().min(1), z.enum(['quality', 'balanced', 'cost', 'latency'])).default({}),
});

export const ConfigSchema = z.strictObject({
  server: ServerSchema.default(ServerSchema.parse({})),
  models: z.record(z.string().regex(/^[A-Za-z0-9_.:/-]+$/, 'model names use letters, digits, _ . : / -'), ModelSchema).refine((m) => Object.keys(m).length > 0, {
    message: 'at least one model is required',
  }),
  classifier: ClassifierSchema.default(ClassifierSchema.parse({})),
  signals: SignalsSchema.default({ keywords: {} }),
  decisions: z.array(DecisionSchema).min(1),
  recipes: RecipesSchema.default({}),
  virtual_models: VirtualModelsSchema.default({ aliases: {}, auto_profiles: {} }),
  budgets: BudgetSchema.default(BudgetSchema.parse({})),
});

export type RawConfig = z.infer<typeof ConfigSchema>;
