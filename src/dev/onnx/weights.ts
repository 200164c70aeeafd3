/**
 * Seeded weight initialisation for generated models: the same seed always yields the same weights, so a
 * cached model and a freshly generated one are interchangeable. Uniform numbers come from the dev RNG.
 */
import type { Rng } from '../sim/rng.js';

/** Fills a new array with normal(0, std) samples (Box–Muller, both outputs used). */
export function normalArray(uniform: Rng, length: number, std: number): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i += 2) {
    const u1 = 1 - uniform();
    const u2 = uniform();
    const radius = std * Math.sqrt(-2 * Math.log(u1));
    out[i] = radius * Math.cos(2 * Math.PI * u2);
    if (i + 1 < length) out[i + 1] = radius * Math.sin(2 * Math.PI * u2);
  }
  return out;
}

export function filledArray(length: number, value: number): Float32Array {
  return new Float32Array(length).fill(value);
}
