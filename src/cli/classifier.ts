/** Loads the configured classifier and binds it to the request text it classifies. */
import { classificationText, loadClassifier, type OnnxClassifier } from '../classify/index.js';
import type { Classification } from '../classify/types.js';
import type { ClassifierConfig } from '../config/types.js';
import type { Logger } from '../observability/logger.js';
import type { ChatCompletionRequest } from '../openai/types.js';

export interface RequestClassifier {
  readonly classifier: OnnxClassifier;
  classifyRequest(request: ChatCompletionRequest): Promise<Classification>;
}

export async function loadRequestClassifier(
  config: ClassifierConfig,
  options: { logger: Logger; onBatch?: (size: number, ms: number) => void },
): Promise<RequestClassifier> {
  const classifier = await loadClassifier(config, options);
  return {
    classifier,
    classifyRequest: (request) => classifier.classify(classificationText(request, config.includeSystemPrompt)),
  };
}
