/** The classifier's public surface: the factory, request text selection, defaults, errors and the contract. */
export type { Classification, Classifier, LabelScore } from './types.js';
export { loadClassifier, type LoadClassifierOptions, type OnnxClassifier } from './load.js';
export type { ModelKind } from './onnx-model.js';
export { classificationText } from './text.js';
export { DEFAULT_CLASSIFIER_CONFIG } from './defaults.js';
export { DEFAULT_MODEL_DIR, resolveModelDir } from './paths.js';
export { UNKNOWN_LABEL } from './scoring.js';
export { ClassifierLoadError, ClassifierRunError } from './errors.js';
