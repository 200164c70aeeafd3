/**
 * Request signals, computed lazily and at most once per request. Only what the decisions in play read is
 * computed: a decision set that never looks at the classifier never pays for it. The classification comes
 * from a provider the pipeline supplies, so this module stays free of I/O.
 */
import type { Classification } from '../classify/types.js';
import type { KeywordSetConfig } from '../config/types.js';
import { completionCap, estimatePromptTokens } from '../openai/tokens.js';
import { messageText, type ChatCompletionRequest } from '../openai/types.js';
import { compileKeywordSet, type KeywordMatcher } from './keywords.js';

export type ClassificationProvider = () => Promise<Classification | undefined>;

export interface RequestShape {
  readonly stream: boolean;
  readonly hasTools: boolean;
  readonly responseFormat: 'text' | 'json_object' | 'json_schema' | undefined;
  readonly maxTokens: number | undefined;
  readonly messages: number;
  /** User turns in the conversation. */
  readonly depth: number;
}

const matcherCache = new WeakMap<KeywordSetConfig, KeywordMatcher>();

function matcherFor(set: KeywordSetConfig): KeywordMatcher {
  let matcher = matcherCache.get(set);
  if (!matcher) {
    matcher = compileKeywordSet(set);
    matcherCache.set(set, matcher);
  }
  return matcher;
}

export class RequestSignals {
  private tokenEstimate: number | undefined;
  private shapeValue: RequestShape | undefined;
  private text: string | undefined;
  private readonly keywordHits = new Map<string, boolean>();
  private classificationPromise: Promise<Classification | undefined> | undefined;

  constructor(
    readonly request: ChatCompletionRequest,
    private readonly keywordSets: ReadonlyMap<string, KeywordSetConfig>,
    private readonly classifyProvider: ClassificationProvider | undefined,
  ) {}

  get promptTokens(): number {
    this.tokenEstimate ??= estimatePromptTokens(this.request);
    return this.tokenEstimate;
  }

  get shape(): RequestShape {
    if (!this.shapeValue) {
      const r = this.request;
      this.shapeValue = {
        stream: r.stream === true,
        hasTools: Array.isArray(r.tools) && r.tools.length > 0,
        responseFormat: r.response_format?.type,
        maxTokens: completionCap(r),
        messages: r.messages.length,
        depth: r.messages.filter((m) => m.role === 'user').length,
      };
    }
    return this.shapeValue;
  }

  /** Text keyword sets scan: every user and system message, so a risky system prompt also counts. */
  get keywordText(): string {
    this.text ??= this.request.messages
      .filter((m) => m.role === 'user' || m.role === 'system' || m.role === 'developer')
      .map(messageText)
      .join('\n');
    return this.text;
  }

  keyword(name: string): boolean {
    let hit = this.keywordHits.get(name);
    if (hit === undefined) {
      const set = this.keywordSets.get(name);
      hit = set ? matcherFor(set)(this.keywordText) : false;
      this.keywordHits.set(name, hit);
    }
    return hit;
  }

  /** Names of every configured keyword set that matches. */
  matchedKeywordSets(): ReadonlySet<string> {
    return new Set([...this.keywordSets.keys()].filter((name) => this.keyword(name)));
  }

  /** Starts the classification if it has not started; later calls share the same promise. */
  classification(): Promise<Classification | undefined> {
    this.classificationPromise ??= this.classifyProvider ? this.classifyProvider() : Promise.resolve(undefined);
    return this.classificationPromise;
  }

  /** The classification if it was requested, without starting one. */
  classificationIfStarted(): Promise<Classification | undefined> | undefined {
    return this.classificationPromise;
  }
}
