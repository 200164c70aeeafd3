/**
 * Envoy's v3 API as a protobufjs Root, for the bootstrap checker. Loads every v3 proto under envoy/config,
 * envoy/extensions and envoy/type straight from @grpc/grpc-js-xds's deps (never copied here), so any `@type`
 * an Envoy build knows can be resolved. Files whose imports the package does not ship (the OpenCensus and
 * OpenTelemetry tracers) are left out: their types simply count as unknown.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import protobuf from 'protobufjs';
import type { Enum, ReflectionObject, Root, Type } from 'protobufjs';
import { envoyProtoRoots } from '../extproc/protos.js';

const require = createRequire(import.meta.url);

/** Folders of envoy-api whose v3 protos the checker loads. */
const API_FOLDERS = ['envoy/config', 'envoy/extensions', 'envoy/type'];
/** Typed structs: `@type` wrappers that carry another message as a Struct. */
const EXTRA_FILES = ['xds/type/v3/typed_struct.proto', 'udpa/type/v1/typed_struct.proto'];
/** Well-known types protobufjs bundles itself (no file on disk needed). */
const BUNDLED = new Set(['any', 'duration', 'empty', 'field_mask', 'struct', 'timestamp', 'wrappers'].map((n) => `google/protobuf/${n}.proto`));

export interface ProtoRegistry {
  readonly root: Root;
  /** A message type by full name (no leading dot), or undefined. */
  message(fullName: string): Type | undefined;
  /** Number of .proto files loaded (for diagnostics). */
  readonly fileCount: number;
}

let cached: ProtoRegistry | undefined;

export function envoyProtoRegistry(): ProtoRegistry {
  cached ??= loadRegistry();
  return cached;
}

function loadRegistry(): ProtoRegistry {
  // protobufjs's own copy of descriptor.proto satisfies the option extensions (validate, udpa annotations).
  const roots = [...envoyProtoRoots(), path.dirname(require.resolve('protobufjs/package.json'))];
  const locate = (file: string): string | undefined => {
    for (const dir of roots) {
      const full = path.join(dir, file);
      if (existsSync(full)) return full;
    }
    return undefined;
  };
  const [envoyApi] = roots as [string];
  const candidates = [
    ...API_FOLDERS.flatMap((folder) =>
      (readdirSync(path.join(envoyApi, folder), { recursive: true }) as string[])
        .filter((f) => f.endsWith('.proto') && `/${f}`.includes('/v3/'))
        .map((f) => `${folder}/${f.split(path.sep).join('/')}`),
    ),
    ...EXTRA_FILES,
  ].sort();
  const complete = completenessChecker(locate);
  const files = candidates.filter(complete);

  const root = new protobuf.Root();
  root.resolvePath = (_origin: string, target: string): string | null => locate(target) ?? null;
  root.loadSync(files, { keepCase: true });
  root.resolveAll();
  return {
    root,
    fileCount: files.length,
    message(fullName: string): Type | undefined {
      const found = lookup(root, fullName);
      return found instanceof protobuf.Type ? found : undefined;
    },
  };
}

function lookup(root: Root, fullName: string): ReflectionObject | null {
  try {
    return root.lookup(fullName.startsWith('.') ? fullName : `.${fullName}`);
  } catch {
    return null;
  }
}

/** True when a file and everything it imports, transitively, can be found. */
function completenessChecker(locate: (file: string) => string | undefined): (file: string) => boolean {
  const memo = new Map<string, boolean>();
  const check = (file: string): boolean => {
    if (BUNDLED.has(file)) return true;
    const known = memo.get(file);
    if (known !== undefined) return known;
    memo.set(file, true); // cycles: assume complete until shown otherwise
    const full = locate(file);
    const ok = full !== undefined && importsOf(readFileSync(full, 'utf8')).every(check);
    memo.set(file, ok);
    return ok;
  };
  return check;
}

function importsOf(source: string): string[] {
  return [...source.matchAll(/^\s*import\s+(?:public\s+|weak\s+)?"([^"]+)"\s*;/gm)].map((m) => m[1] as string);
}

/** The full name without protobufjs's leading dot. */
export function fullNameOf(type: Type | Enum): string {
  return type.fullName.replace(/^\./, '');
}
