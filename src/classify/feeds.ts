/**
 * One padded batch of token id rows → the int64 tensors the model declares. Rows are padded at the end to the
 * longest row; attention_mask is 1 on real tokens and 0 on padding; token_type_ids are 0 (one segment).
 */
import ort from 'onnxruntime-node';

/** The inputs this runtime knows how to fill; a model declaring any other input is rejected at load. */
export const SUPPORTED_INPUTS = ['input_ids', 'attention_mask', 'token_type_ids'] as const;
export type SupportedInput = (typeof SUPPORTED_INPUTS)[number];

export function isSupportedInput(name: string): name is SupportedInput {
  return (SUPPORTED_INPUTS as readonly string[]).includes(name);
}

export function batchFeeds(rows: readonly (readonly number[])[], inputNames: readonly SupportedInput[], padId: number): Record<string, ort.Tensor> {
  const batch = rows.length;
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  const dims = [batch, width];
  const feeds: Record<string, ort.Tensor> = {};
  for (const name of inputNames) {
    const data = new BigInt64Array(batch * width);
    if (name === 'input_ids') {
      const pad = BigInt(padId);
      rows.forEach((row, r) => {
        const offset = r * width;
        for (let t = 0; t < width; t++) data[offset + t] = t < row.length ? BigInt(row[t] as number) : pad;
      });
    } else if (name === 'attention_mask') {
      rows.forEach((row, r) => data.fill(1n, r * width, r * width + row.length));
    }
    feeds[name] = new ort.Tensor('int64', data, dims);
  }
  return feeds;
}
