/**
 * "Why" comments for the generated YAML. Builders return the Envoy structure together with notes addressed by
 * a path relative to what they built; the composer prefixes the paths, and the renderer attaches each note
 * above its key. Keeping notes beside the code that picks a value keeps the reason and the value together.
 */

export type NodePath = readonly (string | number)[];

export interface Note {
  readonly path: NodePath;
  readonly text: string;
}

export interface Annotated<T> {
  readonly value: T;
  readonly notes: readonly Note[];
}

export function note(path: NodePath, text: string): Note {
  return { path, text };
}

/** Re-addresses notes built for a sub-structure to where that structure sits in its parent. */
export function prefixNotes(prefix: NodePath, notes: readonly Note[]): Note[] {
  return notes.map((n) => ({ path: [...prefix, ...n.path], text: n.text }));
}
