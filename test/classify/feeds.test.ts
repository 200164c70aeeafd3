import { describe, expect, it } from 'vitest';
import { batchFeeds } from '../../src/classify/feeds.js';

describe('batchFeeds', () => {
  const rows = [
    [101, 7, 8, 102],
    [101, 9, 102],
    [101, 102],
  ];

  it('pads every row to the longest, with attention_mask 0 on padding', () => {
    const feeds = batchFeeds(rows, ['input_ids', 'attention_mask', 'token_type_ids'], 0);
    for (const name of ['input_ids', 'attention_mask', 'token_type_ids']) {
      expect(feeds[name]?.type).toBe('int64');
      expect(feeds[name]?.dims).toEqual([3, 4]);
    }
    expect(Array.from(feeds.input_ids?.data as BigInt64Array, Number)).toEqual([101, 7, 8, 102, 101, 9, 102, 0, 101, 102, 0, 0]);
    expect(Array.from(feeds.attention_mask?.data as BigInt64Array, Number)).toEqual([1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0]);
    expect(Array.from(feeds.token_type_ids?.data as BigInt64Array, Number)).toEqual(new Array(12).fill(0));
  });

  it('uses the pad id given', () => {
    const feeds = batchFeeds([[5, 6, 7], [5]], ['input_ids'], 3);
    expect(Array.from(feeds.input_ids?.data as BigInt64Array, Number)).toEqual([5, 6, 7, 5, 3, 3]);
  });

  it('feeds exactly the inputs asked for', () => {
    expect(Object.keys(batchFeeds(rows, ['input_ids', 'attention_mask'], 0)).sort()).toEqual(['attention_mask', 'input_ids']);
  });

  it('needs no padding for a single row', () => {
    const feeds = batchFeeds([[101, 5, 102]], ['input_ids', 'attention_mask'], 0);
    expect(feeds.input_ids?.dims).toEqual([1, 3]);
    expect(Array.from(feeds.attention_mask?.data as BigInt64Array, Number)).toEqual([1, 1, 1]);
  });
});
