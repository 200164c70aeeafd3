/** Picks the decision for a request: the first match in priority order, else the default. */
import type { DecisionConfig } from '../config/types.js';
import { evaluate, usesClassifier } from './conditions.js';
import type { RequestSignals } from './signals.js';

export interface DecisionResult {
  readonly decision: DecisionConfig;
  /** True when no rule matched and the default decision applied. */
  readonly fellBack: boolean;
}

/** Decisions are pre-sorted by the config loader: priority desc, file order, default last. */
export async function decide(decisions: readonly DecisionConfig[], signals: RequestSignals): Promise<DecisionResult> {
  // Start the classifier now when any rule may need it, so it overlaps with the cheap rules evaluated first.
  if (decisions.some((d) => d.when !== undefined && usesClassifier(d.when))) void signals.classification().catch(() => undefined);
  for (const decision of decisions) {
    if (decision.isDefault) return { decision, fellBack: true };
    if (decision.when && (await evaluate(decision.when, signals))) return { decision, fellBack: false };
  }
  throw new Error('config invariant broken: no default decision');
}

export function decisionsUseClassifier(decisions: readonly DecisionConfig[]): boolean {
  return decisions.some((d) => d.when !== undefined && usesClassifier(d.when));
}
