/**
 * The Classifier contract that the routing signals depend on. Implementations: the ONNX sequence classifier,
 * the ONNX embedding (nearest-centroid) classifier, and fakes in tests.
 */

export interface LabelScore {
  readonly label: string;
  /** In [0, 1]. For sequence classifiers a softmax probability; for embedding classifiers a cosine score. */
  readonly probability: number;
}

export interface Classification extends LabelScore {
  /** Every label, best first. */
  readonly top: readonly LabelScore[];
}

export interface Classifier {
  readonly labels: readonly string[];
  /** Resolves the label of `text`; `unknown` when the best score is under the configured threshold. */
  classify(text: string): Promise<Classification>;
  /** Releases the ONNX session. */
  close(): Promise<void>;
}
