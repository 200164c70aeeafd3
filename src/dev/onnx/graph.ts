/**
 * A minimal ONNX graph builder over the onnx-proto ModelProto types: named initializers, constants, nodes and
 * typed graph inputs/outputs, serialized to model bytes. Used only to generate test and bench models; nothing
 * in production builds ONNX graphs.
 */
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';

const { onnx } = onnxProto;

/** A dimension is fixed (number) or symbolic (name, e.g. "batch"). */
export type Dim = number | string;
export type ElementType = 'float32' | 'int64' | 'int8';

const ELEMENT_TYPE: Record<ElementType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  int64: onnx.TensorProto.DataType.INT64,
  int8: onnx.TensorProto.DataType.INT8,
};

/** ONNX TensorProto data type of float32, for Cast's `to`. */
export const FLOAT_TYPE = onnx.TensorProto.DataType.FLOAT;

/** Node attributes: ints, floats and int lists (all the BERT graph needs). */
export type AttributeValue = number | readonly number[] | { readonly float: number };

export class GraphBuilder {
  private readonly nodes: OnnxTypes.INodeProto[] = [];
  private readonly initializers: OnnxTypes.ITensorProto[] = [];
  private readonly inputs: OnnxTypes.IValueInfoProto[] = [];
  private readonly outputs: OnnxTypes.IValueInfoProto[] = [];
  private readonly constantCache = new Map<string, string>();
  private nextId = 0;

  input(name: string, type: ElementType, shape: readonly Dim[]): string {
    this.inputs.push(valueInfo(name, type, shape));
    return name;
  }

  output(name: string, type: ElementType, shape: readonly Dim[]): void {
    this.outputs.push(valueInfo(name, type, shape));
  }

  /** A float32 (or, given an Int8Array, int8) weight tensor. */
  weight(name: string, dims: readonly number[], values: Float32Array | Int8Array): string {
    if (values.length !== dims.reduce((a, b) => a * b, 1)) throw new Error(`weight ${name}: ${values.length} values for dims ${dims.join('x')}`);
    this.initializers.push({
      name,
      dims: [...dims],
      dataType: values instanceof Int8Array ? ELEMENT_TYPE.int8 : ELEMENT_TYPE.float32,
      rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
    });
    return name;
  }

  /** A small constant; identical constants are shared. `dims` [] makes a scalar. */
  constant(type: ElementType, values: readonly number[], dims: readonly number[] = [values.length]): string {
    const key = `${type}:${dims.join(',')}:${values.join(',')}`;
    const existing = this.constantCache.get(key);
    if (existing !== undefined) return existing;
    const name = `const_${this.constantCache.size}`;
    const raw = type === 'float32' ? new Float32Array(values) : type === 'int8' ? new Int8Array(values) : BigInt64Array.from(values, (v) => BigInt(v));
    this.initializers.push({ name, dims: [...dims], dataType: ELEMENT_TYPE[type], rawData: new Uint8Array(raw.buffer) });
    this.constantCache.set(key, name);
    return name;
  }

  /** Adds one node and returns its (first) output name. `output` names it, otherwise it is generated. */
  node(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}, output?: string): string {
    const id = this.nextId;
    return this.nodeOutputs(opType, inputs, [output ?? `${opType.toLowerCase()}_${id}`], attributes)[0] as string;
  }

  /** Adds one node with several outputs (e.g. DynamicQuantizeLinear's value, scale and zero point). */
  nodeWithOutputs(opType: string, inputs: readonly string[], count: number): string[] {
    const id = this.nextId;
    return this.nodeOutputs(opType, inputs, Array.from({ length: count }, (_, i) => `${opType.toLowerCase()}_${id}_${i}`), {});
  }

  private nodeOutputs(opType: string, inputs: readonly string[], outputs: string[], attributes: Record<string, AttributeValue>): string[] {
    const id = this.nextId++;
    this.nodes.push({
      name: `${opType}_${id}`,
      opType,
      input: [...inputs],
      output: outputs,
      attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
    });
    return outputs;
  }

  /** Serializes the model with the default-domain opset. */
  toBytes(name: string, opset: number): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'consilium-random-bert',
      opsetImport: [{ domain: '', version: opset }],
      graph: { name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name: string, type: ElementType, shape: readonly Dim[]): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: ELEMENT_TYPE[type],
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, value: AttributeValue): OnnxTypes.IAttributeProto {
  const types = onnx.AttributeProto.AttributeType;
  if (typeof value === 'number') return { name, type: types.INT, i: value };
  if (Array.isArray(value)) return { name, type: types.INTS, ints: [...value] };
  return { name, type: types.FLOAT, f: (value as { float: number }).float };
}
