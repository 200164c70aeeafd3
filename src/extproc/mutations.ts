/**
 * Builders for ext_proc answers. Header values are written as `raw_value` bytes (what recent Envoy reads) and
 * replace rather than append (OVERWRITE_IF_EXISTS_OR_ADD); incoming headers are read from `raw_value` or `value`.
 */
import type {
  CommonResponse,
  HeaderMap,
  HeaderMutation,
  HeaderValueOption,
  ProcessingMode,
  ProcessingResponse,
  ProtoValue,
  StructValue,
} from './messages.js';

export function headerOption(key: string, value: string): HeaderValueOption {
  return { header: { key, raw_value: Buffer.from(value, 'utf8') }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' };
}

/** Header map → lower-cased names; a repeated header keeps its values joined by ", " as HTTP allows. */
export function readHeaders(map: HeaderMap | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const header of map?.headers ?? []) {
    if (typeof header.key !== 'string') continue;
    const key = header.key.toLowerCase();
    const value = header.raw_value && header.raw_value.length > 0 ? Buffer.from(header.raw_value).toString('utf8') : (header.value ?? '');
    const previous = out.get(key);
    out.set(key, previous === undefined ? value : `${previous}, ${value}`);
  }
  return out;
}

export function mutation(set: Readonly<Record<string, string>>, remove: readonly string[] = []): HeaderMutation {
  const out: HeaderMutation = {};
  const setHeaders = Object.entries(set).map(([key, value]) => headerOption(key, value));
  if (setHeaders.length > 0) out.set_headers = setHeaders;
  if (remove.length > 0) out.remove_headers = [...remove];
  return out;
}

export function immediateResponse(status: number, headers: Readonly<Record<string, string>>, body: Buffer, details: string): ProcessingResponse {
  return {
    immediate_response: {
      status: { code: status },
      headers: mutation(headers),
      body,
      details,
    },
  };
}

type HeadersPhase = 'request_headers' | 'response_headers';
type BodyPhase = 'request_body' | 'response_body';

export function headersResponse(phase: HeadersPhase, common: CommonResponse = {}, modeOverride?: ProcessingMode): ProcessingResponse {
  const response: ProcessingResponse = { [phase]: { response: common } };
  if (modeOverride) response.mode_override = modeOverride;
  return response;
}

export function bodyResponse(phase: BodyPhase, common: CommonResponse = {}): ProcessingResponse {
  return { [phase]: { response: common } };
}

/** google.protobuf.Struct from a flat record of strings, numbers, booleans and string lists. */
export function toStruct(record: Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>): StructValue {
  const fields: Record<string, ProtoValue> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    if (typeof value === 'string') fields[key] = { stringValue: value };
    else if (typeof value === 'number') fields[key] = { numberValue: value };
    else if (typeof value === 'boolean') fields[key] = { boolValue: value };
    else fields[key] = { listValue: { values: value.map((v) => ({ stringValue: v })) } };
  }
  return { fields };
}

/** dynamic_metadata: top-level keys are metadata namespaces. */
export function namespacedMetadata(namespace: string, record: Parameters<typeof toStruct>[0]): StructValue {
  return { fields: { [namespace]: { structValue: toStruct(record) } } };
}
