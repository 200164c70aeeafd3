import { describe, expect, it } from 'vitest';
import { externalProcessorService } from '../../src/extproc/protos.js';
import { headerOption, immediateResponse, namespacedMetadata, readHeaders } from '../../src/extproc/mutations.js';
import type { ProcessingResponse } from '../../src/extproc/messages.js';

/** Encodes and decodes through the service's own serializers, as the wire would. */
function roundTrip(response: ProcessingResponse): any {
  const method = externalProcessorService().service.Process!;
  return method.responseDeserialize(method.responseSerialize(response));
}

describe('mutation builders', () => {
  it('writes header values as raw_value bytes with overwrite semantics', () => {
    const decoded = roundTrip({ request_headers: { response: { header_mutation: { set_headers: [headerOption('x-consilium-cluster', 'big')] } } } });
    const option = decoded.request_headers.response.header_mutation.set_headers[0];
    expect(Buffer.from(option.header.raw_value).toString()).toBe('big');
    expect(option.header.value ?? '').toBe('');
    expect(option.append_action).toBe('OVERWRITE_IF_EXISTS_OR_ADD');
  });

  it('reads raw_value or value, lower-cases names, joins repeats', () => {
    const headers = readHeaders({
      headers: [
        { key: 'X-A', raw_value: Buffer.from('1') },
        { key: 'x-b', value: 'legacy' },
        { key: 'x-a', raw_value: Buffer.from('2') },
      ],
    });
    expect(Object.fromEntries(headers)).toEqual({ 'x-a': '1, 2', 'x-b': 'legacy' });
  });

  it('dynamic metadata survives the wire encoding under our namespace (regression: snake_case Struct keys were dropped)', () => {
    const decoded = roundTrip({ ...immediateResponse(200, {}, Buffer.from('{}'), 'x'), dynamic_metadata: namespacedMetadata('consilium', { decision: 'code', calls: 2, models_used: ['a', 'b'], skip: undefined }) });
    const fields = decoded.dynamic_metadata.fields.consilium.structValue.fields;
    expect(fields.decision.stringValue).toBe('code');
    expect(fields.calls.numberValue).toBe(2);
    expect(fields.models_used.listValue.values.map((v: { stringValue: string }) => v.stringValue)).toEqual(['a', 'b']);
    expect(fields.skip).toBeUndefined();
  });
});
