/**
 * Cross-references and builds the runtime config from a schema-valid raw config. Problems are collected (not
 * thrown one by one) so `consilium validate` can list every one with its path and value.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConfigIssue } from '../errors/index.js';
import { buildRecipes } from './recipes.js';
import { checkRegex } from './regex-safety.js';
import type { RawCondition, RawConfig } from './schema.js';
import type {
  Capability,
  ClassifierConfig,
  Condition,
  ConsiliumConfig,
  DecisionConfig,
  Endpoint,
  HostPort,
  KeywordSetConfig,
  ModelConfig,
  Preference,
  Range,
} from './types.js';

export const AUTO_MODEL = 'consilium/auto';
export const VIRTUAL_PREFIX = 'consilium/';
/** Aliases every config has unless it maps them elsewhere: clients of the vLLM Semantic Router work unchanged. */
export const DEFAULT_ALIASES: Readonly<Record<string, string>> = { auto: AUTO_MODEL, MoM: AUTO_MODEL, 'vllm-sr/auto': AUTO_MODEL };

export interface BuildOptions {
  readonly source?: string;
  /** Resolves relative paths (classifier.model_dir, api_key_file). */
  readonly baseDir: string;
  readonly defaultModelDir: string;
}

export function buildConfig(raw: RawConfig, options: BuildOptions, issues: ConfigIssue[]): ConsiliumConfig {
  const server = {
    listen: parseHostPort(raw.server.listen),
    admin: parseHostPort(raw.server.admin),
    maxBodyBytes: raw.server.max_body_bytes,
    maxMessages: raw.server.max_messages,
    maxPromptTokens: raw.server.max_prompt_tokens,
    maxConcurrentRecipes: raw.server.max_concurrent_recipes,
    drainTimeoutMs: raw.server.drain_timeout_ms,
    messageTimeoutMs: raw.server.message_timeout_ms,
  };
  const models = buildModels(raw, options, issues);
  const keywords = buildKeywords(raw, issues);
  const budgets = {
    maxCalls: raw.budgets.max_calls,
    maxTotalTokens: raw.budgets.max_total_tokens,
    maxCostUsd: raw.budgets.max_cost_usd,
    deadlineMs: raw.budgets.deadline_ms,
  };
  const recipes = buildRecipes(raw.recipes, { models, budgets, keywordSets: keywords }, issues);
  const decisions = buildDecisions(raw, models, recipes, keywords, issues);
  const virtualModels = buildVirtualModels(raw, models, recipes, issues);

  for (const recipe of recipes.values()) {
    if (recipe.budget.deadlineMs >= server.messageTimeoutMs) {
      issues.push({
        path: `recipes.${recipe.name}.budget.deadline_ms`,
        message: `must be below server.message_timeout_ms (${server.messageTimeoutMs}): Envoy would time out the answer first`,
        value: recipe.budget.deadlineMs,
      });
    }
  }

  const classifier: ClassifierConfig = {
    modelDir: raw.classifier.model_dir ? path.resolve(options.baseDir, raw.classifier.model_dir) : options.defaultModelDir,
    maxTokens: raw.classifier.max_tokens,
    threshold: raw.classifier.threshold,
    batch: { maxSize: raw.classifier.batch.max_size, windowMs: raw.classifier.batch.window_ms },
    threads: { intraOp: raw.classifier.threads.intra_op, interOp: raw.classifier.threads.inter_op },
    worker: raw.classifier.worker,
    examples: raw.classifier.examples,
    knn: raw.classifier.knn,
    includeSystemPrompt: raw.classifier.include_system_prompt,
  };

  return {
    source: options.source,
    server,
    models,
    classifier,
    signals: { keywords },
    decisions,
    recipes,
    virtualModels,
    budgets,
  };
}

export function parseHostPort(value: string): HostPort {
  const at = value.lastIndexOf(':');
  return { host: value.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(value.slice(at + 1)) };
}

function buildModels(raw: RawConfig, options: BuildOptions, issues: ConfigIssue[]): Map<string, ModelConfig> {
  const models = new Map<string, ModelConfig>();
  const clusters = new Map<string, string>();
  for (const [name, m] of Object.entries(raw.models)) {
    const at = `models.${name}`;
    if (name.startsWith(VIRTUAL_PREFIX) || name in DEFAULT_ALIASES) {
      issues.push({ path: at, message: `"${name}" is reserved for virtual models`, value: name });
    }
    const urls = m.base_urls ?? [m.base_url as string];
    const endpoints: Endpoint[] = [];
    let basePath: string | undefined;
    urls.forEach((url, i) => {
      const field = m.base_urls ? `${at}.base_urls[${i}]` : `${at}.base_url`;
      const parsed = parseBaseUrl(url);
      if (typeof parsed === 'string') return void issues.push({ path: field, message: parsed, value: url });
      if (basePath !== undefined && parsed.basePath !== basePath) {
        issues.push({ path: field, message: `every endpoint of a model must share one base path (${basePath})`, value: url });
      }
      basePath ??= parsed.basePath;
      endpoints.push(parsed.endpoint);
    });
    const cluster = m.cluster ?? name.replace(/[^A-Za-z0-9_.-]/g, '_');
    const owner = clusters.get(cluster);
    if (owner) issues.push({ path: `${at}.cluster`, message: `cluster "${cluster}" is already used by model ${owner}`, value: cluster });
    clusters.set(cluster, name);
    let apiKeyFile: string | undefined;
    if (m.api_key_file) {
      apiKeyFile = path.resolve(options.baseDir, m.api_key_file);
      try {
        readFileSync(apiKeyFile);
      } catch {
        issues.push({ path: `${at}.api_key_file`, message: 'file is not readable', value: m.api_key_file });
      }
    }
    models.set(name, {
      name,
      cluster,
      providerModel: m.model ?? name,
      endpoints,
      basePath: basePath ?? '/v1',
      apiKeyEnv: m.api_key_env,
      apiKeyFile,
      pricing: { inputPerMillion: m.pricing.input, outputPerMillion: m.pricing.output },
      ratings: m.ratings,
      capabilities: new Set<Capability>(m.capabilities),
      timeoutMs: m.timeout_ms,
    });
  }
  return models;
}

function parseBaseUrl(url: string): { endpoint: Endpoint; basePath: string } | string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a valid URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'only http and https base URLs are supported';
  if (parsed.search || parsed.hash) return 'a base URL takes no query or fragment';
  if (parsed.username || parsed.password) return 'credentials in URLs are not allowed; use api_key_env or api_key_file';
  const scheme = parsed.protocol === 'https:' ? 'https' : 'http';
  const port = parsed.port ? Number(parsed.port) : scheme === 'https' ? 443 : 80;
  const basePath = parsed.pathname.replace(/\/+$/, '') || '';
  return { endpoint: { scheme, host: parsed.hostname.replace(/^\[|\]$/g, ''), port }, basePath };
}

function buildKeywords(raw: RawConfig, issues: ConfigIssue[]): Map<string, KeywordSetConfig> {
  const sets = new Map<string, KeywordSetConfig>();
  for (const [name, set] of Object.entries(raw.signals.keywords)) {
    const at = `signals.keywords.${name}`;
    if (set.words.length + set.phrases.length + set.regex.length === 0) {
      issues.push({ path: at, message: 'a keyword set needs at least one of words, phrases, regex', value: set });
    }
    set.regex.forEach((source, i) => {
      const verdict = checkRegex(source);
      if (!verdict.ok) issues.push({ path: `${at}.regex[${i}]`, message: verdict.reason ?? "invalid regex", value: source });
    });
    sets.set(name, {
      name,
      words: set.words,
      phrases: set.phrases,
      regex: set.regex,
      match: set.match,
      caseSensitive: set.case_sensitive,
    });
  }
  return sets;
}

function buildDecisions(
  raw: RawConfig,
  models: ReadonlyMap<string, ModelConfig>,
  recipes: ReadonlyMap<string, unknown>,
  keywords: ReadonlyMap<string, KeywordSetConfig>,
  issues: ConfigIssue[],
): DecisionConfig[] {
  const names = new Set<string>();
  const built: { decision: DecisionConfig; order: number }[] = [];
  raw.decisions.forEach((d, i) => {
    const at = `decisions[${i}]`;
    if (names.has(d.name)) issues.push({ path: `${at}.name`, message: 'duplicate decision name', value: d.name });
    names.add(d.name);
    if (d.model !== undefined && !models.has(d.model)) issues.push({ path: `${at}.model`, message: 'no such model in `models`', value: d.model });
    if (d.recipe !== undefined && !recipes.has(d.recipe)) issues.push({ path: `${at}.recipe`, message: 'no such recipe in `recipes`', value: d.recipe });
    const when = d.when === undefined ? undefined : buildCondition(d.when, `${at}.when`, keywords, issues);
    const target = d.model !== undefined ? ({ kind: 'model', model: d.model } as const) : ({ kind: 'recipe', recipe: d.recipe as string } as const);
    built.push({
      order: i,
      decision: {
        name: d.name,
        priority: d.priority,
        when,
        isDefault: d.default,
        target,
        reason: d.reason ?? (target.kind === 'model' ? `decision ${d.name} routes to ${target.model}` : `decision ${d.name} runs recipe ${target.recipe}`),
      },
    });
  });
  const defaults = built.filter((b) => b.decision.isDefault);
  if (defaults.length !== 1) {
    issues.push({
      path: 'decisions',
      message: defaults.length === 0 ? 'exactly one decision must have `default: true`' : 'only one decision may be the default',
      value: defaults.map((b) => b.decision.name),
    });
  }
  built.sort((a, b) => Number(a.decision.isDefault) - Number(b.decision.isDefault) || b.decision.priority - a.decision.priority || a.order - b.order);
  return built.map((b) => b.decision);
}

function buildCondition(raw: RawCondition, at: string, keywords: ReadonlyMap<string, KeywordSetConfig>, issues: ConfigIssue[]): Condition {
  if ('all' in raw) return { all: raw.all.map((c, i) => buildCondition(c, `${at}.all[${i}]`, keywords, issues)) };
  if ('any' in raw) return { any: raw.any.map((c, i) => buildCondition(c, `${at}.any[${i}]`, keywords, issues)) };
  if ('not' in raw) return { not: buildCondition(raw.not, `${at}.not`, keywords, issues) };
  if ('keyword' in raw) {
    if (!keywords.has(raw.keyword)) issues.push({ path: `${at}.keyword`, message: 'no such keyword set in `signals.keywords`', value: raw.keyword });
    return { keyword: raw.keyword };
  }
  if ('category' in raw) {
    return { category: typeof raw.category === 'string' ? [raw.category] : raw.category, minConfidence: raw.min_confidence ?? 0 };
  }
  if ('tokens' in raw) return { tokens: raw.tokens as Range };
  if ('messages' in raw) return { messages: raw.messages as Range };
  if ('depth' in raw) return { depth: raw.depth as Range };
  if ('max_tokens' in raw) return { maxTokens: raw.max_tokens as Range };
  if ('stream' in raw) return { stream: raw.stream };
  if ('tools' in raw) return { tools: raw.tools };
  return { responseFormat: raw.response_format };
}

function buildVirtualModels(
  raw: RawConfig,
  models: ReadonlyMap<string, ModelConfig>,
  recipes: ReadonlyMap<string, unknown>,
  issues: ConfigIssue[],
): ConsiliumConfig['virtualModels'] {
  const autoProfiles = new Map<string, Preference>([[AUTO_MODEL, 'balanced']]);
  for (const [name, preference] of Object.entries(raw.virtual_models.auto_profiles)) {
    const at = `virtual_models.auto_profiles.${name}`;
    if (!name.startsWith(VIRTUAL_PREFIX)) issues.push({ path: at, message: `auto profiles are named ${VIRTUAL_PREFIX}<name>`, value: name });
    else if (recipes.has(name.slice(VIRTUAL_PREFIX.length))) issues.push({ path: at, message: 'name collides with a recipe name', value: name });
    autoProfiles.set(name, preference);
  }
  const aliases = new Map<string, string>(Object.entries(DEFAULT_ALIASES));
  for (const [alias, target] of Object.entries(raw.virtual_models.aliases)) {
    const at = `virtual_models.aliases.${alias}`;
    if (models.has(alias)) issues.push({ path: at, message: 'alias collides with a model name', value: alias });
    const isRecipe = target.startsWith(VIRTUAL_PREFIX) && recipes.has(target.slice(VIRTUAL_PREFIX.length));
    if (!autoProfiles.has(target) && !isRecipe) {
      issues.push({ path: at, message: `target must be ${AUTO_MODEL}, an auto profile or ${VIRTUAL_PREFIX}<recipe>`, value: target });
    }
    aliases.set(alias, target);
  }
  return { aliases, autoProfiles };
}
