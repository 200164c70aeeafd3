/**
 * A scripted ext_proc server for gateway tests: a tiny grpc-js server whose Process handler asks a script what
 * to do with each message (answer, stay silent, close cleanly, fail) and records every stream it sees.
 */
import * as grpc from '@grpc/grpc-js';
import { externalProcessorService } from '../../../src/extproc/protos.js';
import type { CommonResponse, ProcessingRequest, ProcessingResponse, RequestPhase } from '../../../src/extproc/messages.js';

export type ScriptAction =
  | ProcessingResponse
  | { readonly silence: true }
  | { readonly close: true }
  | { readonly fail: grpc.status }
  | { readonly many: readonly ProcessingResponse[] }
  /** Each response written after its delay (from when the message arrived). */
  | { readonly sequence: readonly { readonly delayMs: number; readonly response: ProcessingResponse }[] };

export type Script = (message: ProcessingRequest, stream: StreamRecord) => ScriptAction | Promise<ScriptAction>;

export interface StreamRecord {
  readonly messages: ProcessingRequest[];
  cancelled: boolean;
  clientEnded: boolean;
}

export interface FakeExtProc {
  readonly port: number;
  readonly streams: StreamRecord[];
  setScript(script: Script): void;
  close(): Promise<void>;
}

/** The phase a ProcessingRequest carries. */
export function phaseOf(message: ProcessingRequest): RequestPhase {
  return (message.request ?? Object.keys(message).find((key) => key.startsWith('request_') || key.startsWith('response_'))) as RequestPhase;
}

/** An answer of the same phase as `message` with `common` (CONTINUE by default). */
export function answer(message: ProcessingRequest, common: CommonResponse = {}, extra: Partial<ProcessingResponse> = {}): ProcessingResponse {
  return { [phaseOf(message)]: { response: common }, ...extra };
}

export function setHeader(key: string, value: string, appendAction?: 'OVERWRITE_IF_EXISTS_OR_ADD'): NonNullable<CommonResponse['header_mutation']>['set_headers'] {
  return [{ header: { key, raw_value: Buffer.from(value) }, ...(appendAction ? { append_action: appendAction } : {}) }];
}

/** Header value of a request/response headers message, read from raw_value or value. */
export function headerIn(message: ProcessingRequest, name: string): string | undefined {
  const headers = message.request_headers?.headers?.headers ?? message.response_headers?.headers?.headers ?? [];
  const entry = headers.find((h) => h.key === name);
  if (!entry) return undefined;
  return entry.raw_value && entry.raw_value.length > 0 ? Buffer.from(entry.raw_value).toString('utf8') : (entry.value ?? '');
}

export const continueAll: Script = (message) => answer(message);

export async function startFakeExtProc(initial: Script = continueAll): Promise<FakeExtProc> {
  let script = initial;
  const streams: StreamRecord[] = [];
  const server = new grpc.Server();
  server.addService(externalProcessorService().service, {
    Process: (call: grpc.ServerDuplexStream<ProcessingRequest, ProcessingResponse>) => {
      const record: StreamRecord = { messages: [], cancelled: false, clientEnded: false };
      streams.push(record);
      let done = false;
      call.on('cancelled', () => {
        record.cancelled = true;
        done = true;
      });
      call.on('end', () => {
        record.clientEnded = true;
        if (!done) {
          done = true;
          call.end();
        }
      });
      call.on('error', () => undefined);
      call.on('data', (message: ProcessingRequest) => {
        record.messages.push(message);
        void Promise.resolve(script(message, record)).then((action) => {
          if (done) return;
          if ('silence' in action) return;
          if ('close' in action) {
            done = true;
            call.end();
          } else if ('fail' in action) {
            done = true;
            // grpc-js turns an 'error' event on a server stream into the call's final status.
            call.emit('error', { code: action.fail, details: 'scripted failure' });
          } else if ('many' in action) {
            for (const response of action.many) call.write(response);
          } else if ('sequence' in action) {
            for (const step of action.sequence) {
              setTimeout(() => {
                if (!done) call.write(step.response);
              }, step.delayMs);
            }
          } else call.write(action);
        });
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
  });
  return {
    port,
    streams,
    setScript: (next) => {
      script = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 200).unref();
      }),
  };
}
