/**
 * The BERT graph in ONNX, laid out the way a Hugging Face export lays it out (opset 17): word + position +
 * token-type embeddings, LayerNorm, per layer masked multi-head self-attention and an erf-GELU feed-forward
 * block with residuals, then either `last_hidden_state` (encoder) or pooler + classifier `logits`. Batch and
 * sequence dimensions are symbolic. Weights are seeded random, initialised like BERT (normal, std 0.02).
 */
import { FLOAT_TYPE, GraphBuilder } from './graph.js';
import { seededRng } from '../sim/rng.js';
import { filledArray, normalArray } from './weights.js';

export interface BertShape {
  readonly layers: number;
  readonly hidden: number;
  readonly heads: number;
  readonly intermediate: number;
  readonly vocabSize: number;
  readonly maxPositions: number;
}

export interface BertGraphOptions {
  readonly shape: BertShape;
  /** 'classifier' ends in pooler + `logits` [batch, labels]; 'encoder' in `last_hidden_state` [batch, seq, hidden]. */
  readonly head: 'classifier' | 'encoder';
  readonly numLabels: number;
  /** Whether the model declares a `token_type_ids` input (BERT does; DistilBERT-style models do not). */
  readonly tokenTypeIds: boolean;
  readonly seed: number;
  /**
   * 'int8': every dense layer's weights quantized to int8 (symmetric, per tensor) with dynamically quantized
   * activations (DynamicQuantizeLinear → MatMulInteger → scale), the layout of ONNX Runtime's dynamic
   * quantization; embeddings, LayerNorm and attention score products stay float32. Default 'float32'.
   */
  readonly precision?: 'float32' | 'int8';
}

const OPSET = 17;
const INIT_STD = 0.02;
/** A wider classifier head than BERT's init, so random models give visibly different probabilities per input. */
const CLASSIFIER_STD = 0.5;
const LAYER_NORM_EPSILON = 1e-12;

export function buildBertModel(options: BertGraphOptions): Uint8Array {
  const { shape } = options;
  if (shape.hidden % shape.heads !== 0) throw new Error(`hidden ${shape.hidden} is not divisible by heads ${shape.heads}`);
  const g = new GraphBuilder();
  const uniform = seededRng(options.seed);
  const randomWeight = (name: string, dims: number[], std = INIT_STD) =>
    g.weight(name, dims, normalArray(uniform, dims.reduce((a, b) => a * b, 1), std));
  const constantWeight = (name: string, dims: number[], value: number) => g.weight(name, dims, filledArray(dims.reduce((a, b) => a * b, 1), value));
  const matMul = (x: string, name: string, dims: number[], std: number): string => {
    const values = normalArray(uniform, dims[0]! * dims[1]!, std);
    if (options.precision !== 'int8') return g.node('MatMul', [x, g.weight(name, dims, values)]);
    const { quantized, scale } = quantizeSymmetric(values);
    const [xq, xScale, xZero] = g.nodeWithOutputs('DynamicQuantizeLinear', [x], 3) as [string, string, string];
    const product = g.node('MatMulInteger', [xq, g.weight(`${name}_quantized`, dims, quantized), xZero, g.constant('int8', [0], [])]);
    return g.node('Mul', [g.node('Cast', [product], { to: FLOAT_TYPE }), g.node('Mul', [xScale, g.constant('float32', [scale], [])])]);
  };
  const dense = (x: string, prefix: string, inDim: number, outDim: number, std = INIT_STD) =>
    g.node('Add', [matMul(x, `${prefix}.weight`, [inDim, outDim], std), constantWeight(`${prefix}.bias`, [outDim], 0)]);
  const layerNorm = (x: string, prefix: string) =>
    g.node('LayerNormalization', [x, constantWeight(`${prefix}.weight`, [shape.hidden], 1), constantWeight(`${prefix}.bias`, [shape.hidden], 0)], {
      axis: -1,
      epsilon: { float: LAYER_NORM_EPSILON },
    });

  const inputIds = g.input('input_ids', 'int64', ['batch_size', 'sequence_length']);
  const attentionMask = g.input('attention_mask', 'int64', ['batch_size', 'sequence_length']);
  const tokenTypeIds = options.tokenTypeIds ? g.input('token_type_ids', 'int64', ['batch_size', 'sequence_length']) : undefined;

  // Embeddings: positions are 0..seq-1, computed from the input's runtime shape.
  const words = g.node('Gather', [randomWeight('embeddings.word_embeddings.weight', [shape.vocabSize, shape.hidden]), inputIds]);
  const seqLength = g.node('Gather', [g.node('Shape', [inputIds]), g.constant('int64', [1], [])], { axis: 0 });
  const positionIds = g.node('Range', [g.constant('int64', [0], []), seqLength, g.constant('int64', [1], [])]);
  const positions = g.node('Gather', [randomWeight('embeddings.position_embeddings.weight', [shape.maxPositions, shape.hidden]), positionIds]);
  let embedded = g.node('Add', [words, positions]);
  if (tokenTypeIds !== undefined) {
    embedded = g.node('Add', [embedded, g.node('Gather', [randomWeight('embeddings.token_type_embeddings.weight', [2, shape.hidden]), tokenTypeIds])]);
  }
  let hidden = layerNorm(embedded, 'embeddings.LayerNorm');

  // Additive attention bias [batch, 1, 1, seq]: 0 where attended, -10000 on padding (exp underflows to 0).
  const maskFloat = g.node('Cast', [g.node('Unsqueeze', [attentionMask, g.constant('int64', [1, 2])])], { to: 1 });
  const attentionBias = g.node('Mul', [g.node('Sub', [g.constant('float32', [1], []), maskFloat]), g.constant('float32', [-10000], [])]);

  const headDim = shape.hidden / shape.heads;
  const splitHeads = g.constant('int64', [0, 0, shape.heads, headDim]);
  const mergeHeads = g.constant('int64', [0, 0, shape.hidden]);
  for (let layer = 0; layer < shape.layers; layer++) {
    const p = `encoder.layer.${layer}`;
    const heads = (name: string, perm: number[]) =>
      g.node('Transpose', [g.node('Reshape', [dense(hidden, `${p}.attention.self.${name}`, shape.hidden, shape.hidden), splitHeads])], { perm });
    const query = heads('query', [0, 2, 1, 3]);
    const keyT = heads('key', [0, 2, 3, 1]);
    const value = heads('value', [0, 2, 1, 3]);
    const scores = g.node('Div', [g.node('MatMul', [query, keyT]), g.constant('float32', [Math.sqrt(headDim)], [])]);
    const probs = g.node('Softmax', [g.node('Add', [scores, attentionBias])], { axis: -1 });
    const context = g.node('Reshape', [g.node('Transpose', [g.node('MatMul', [probs, value])], { perm: [0, 2, 1, 3] }), mergeHeads]);
    const attended = layerNorm(g.node('Add', [dense(context, `${p}.attention.output.dense`, shape.hidden, shape.hidden), hidden]), `${p}.attention.output.LayerNorm`);

    const up = dense(attended, `${p}.intermediate.dense`, shape.hidden, shape.intermediate);
    const erf = g.node('Erf', [g.node('Div', [up, g.constant('float32', [Math.SQRT2], [])])]);
    const gelu = g.node('Mul', [g.node('Mul', [up, g.node('Add', [erf, g.constant('float32', [1], [])])]), g.constant('float32', [0.5], [])]);
    const down = dense(gelu, `${p}.output.dense`, shape.intermediate, shape.hidden);
    hidden = layerNorm(g.node('Add', [down, attended]), `${p}.output.LayerNorm`);
  }

  if (options.head === 'encoder') {
    g.node('Identity', [hidden], {}, 'last_hidden_state');
    g.output('last_hidden_state', 'float32', ['batch_size', 'sequence_length', shape.hidden]);
  } else {
    const cls = g.node('Gather', [hidden, g.constant('int64', [0], [])], { axis: 1 });
    const pooled = g.node('Tanh', [dense(cls, 'pooler.dense', shape.hidden, shape.hidden)]);
    const logits = dense(pooled, 'classifier', shape.hidden, options.numLabels, CLASSIFIER_STD);
    g.node('Identity', [logits], {}, 'logits');
    g.output('logits', 'float32', ['batch_size', options.numLabels]);
  }
  return g.toBytes('random_bert', OPSET);
}

/** Symmetric per-tensor int8: scale = max |w| / 127, zero point 0. */
function quantizeSymmetric(values: Float32Array): { quantized: Int8Array; scale: number } {
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  const scale = max === 0 ? 1 : max / 127;
  return { quantized: Int8Array.from(values, (v) => Math.round(v / scale)), scale: Math.fround(scale) };
}
