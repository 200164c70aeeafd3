/**
 * Plain TypeScript shapes of the ext_proc messages as proto-loader decodes and encodes them (keepCase,
 * oneofs, enums as strings, bytes as Buffer). Only the fields Consilium and the dev gateway use.
 */

export interface HeaderValue {
  key: string;
  value?: string;
  raw_value?: Buffer | Uint8Array;
}

export interface HeaderMap {
  headers?: HeaderValue[];
}

export type AppendAction =
  | 'APPEND_IF_EXISTS_OR_ADD'
  | 'ADD_IF_ABSENT'
  | 'OVERWRITE_IF_EXISTS_OR_ADD'
  | 'OVERWRITE_IF_EXISTS';

export interface HeaderValueOption {
  header: HeaderValue;
  append_action?: AppendAction;
  /** Deprecated BoolValue; Envoy's default when unset is to append. */
  append?: { value: boolean };
  keep_empty_value?: boolean;
}

export interface HeaderMutation {
  set_headers?: HeaderValueOption[];
  remove_headers?: string[];
}

export interface BodyMutation {
  mutation?: 'body' | 'clear_body';
  body?: Buffer;
  clear_body?: boolean;
}

export interface CommonResponse {
  status?: 'CONTINUE' | 'CONTINUE_AND_REPLACE';
  header_mutation?: HeaderMutation;
  body_mutation?: BodyMutation;
  clear_route_cache?: boolean;
}

export interface HttpHeaders {
  headers?: HeaderMap;
  end_of_stream?: boolean;
}

export interface HttpBody {
  body?: Buffer;
  end_of_stream?: boolean;
}

export interface HttpTrailers {
  trailers?: HeaderMap;
}

export type BodySendMode = 'NONE' | 'STREAMED' | 'BUFFERED' | 'BUFFERED_PARTIAL';
export type HeaderSendMode = 'DEFAULT' | 'SEND' | 'SKIP';

export interface ProcessingMode {
  request_header_mode?: HeaderSendMode;
  response_header_mode?: HeaderSendMode;
  request_body_mode?: BodySendMode;
  response_body_mode?: BodySendMode;
  request_trailer_mode?: HeaderSendMode;
  response_trailer_mode?: HeaderSendMode;
}

export type RequestPhase =
  | 'request_headers'
  | 'response_headers'
  | 'request_body'
  | 'response_body'
  | 'request_trailers'
  | 'response_trailers';

export interface ProcessingRequest {
  request?: RequestPhase;
  request_headers?: HttpHeaders;
  response_headers?: HttpHeaders;
  request_body?: HttpBody;
  response_body?: HttpBody;
  request_trailers?: HttpTrailers;
  response_trailers?: HttpTrailers;
  observability_mode?: boolean;
}

export interface ImmediateResponse {
  status: { code: string | number };
  headers?: HeaderMutation;
  body?: Buffer;
  details?: string;
}

/**
 * google.protobuf.Struct as proto-loader encodes it. Its well-known types come from protobufjs's built-in
 * definitions, whose field names are camelCase whatever `keepCase` says: snake_case keys would be dropped.
 */
export interface StructValue {
  fields: Record<string, ProtoValue>;
}
export type ProtoValue =
  | { stringValue: string }
  | { numberValue: number }
  | { boolValue: boolean }
  | { structValue: StructValue }
  | { nullValue: 'NULL_VALUE' }
  | { listValue: { values: ProtoValue[] } };

export interface ProcessingResponse {
  request_headers?: { response?: CommonResponse };
  response_headers?: { response?: CommonResponse };
  request_body?: { response?: CommonResponse };
  response_body?: { response?: CommonResponse };
  request_trailers?: { header_mutation?: HeaderMutation };
  response_trailers?: { header_mutation?: HeaderMutation };
  immediate_response?: ImmediateResponse;
  dynamic_metadata?: StructValue;
  mode_override?: ProcessingMode;
  override_message_timeout?: { seconds: string | number; nanos?: number };
  /** Which oneof member is set (proto-loader output with oneofs: true). */
  response?: string;
}
