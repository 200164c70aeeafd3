import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/eval/progress.js';

function sink(isTTY: boolean): { isTTY: boolean; out: string[]; write(text: string): boolean } {
  const out: string[] = [];
  return { isTTY, out, write: (text: string) => out.push(text) > 0 };
}

describe('createProgress', () => {
  it('prints a line per 10% when stderr is not a terminal', () => {
    const s = sink(false);
    let t = 0;
    const progress = createProgress(20, 'eval', s, () => (t += 100));
    for (let i = 0; i < 20; i++) progress.tick(i === 3);
    progress.done();
    expect(s.out[0]).toBe('eval: 20 requests\n');
    expect(s.out.length).toBe(11);
    expect(s.out.at(-1)).toMatch(/^eval \[#{28}\] 100% 20\/20 · 1 failed · [\d.]+\/s · eta 0:00\n$/);
  });

  it('redraws in place on a terminal, throttled, and ends the line when done', () => {
    const s = sink(true);
    let t = 0;
    const progress = createProgress(1000, 'ρ=0', s, () => t);
    for (let i = 0; i < 999; i++) {
      t += 1;
      progress.tick(false);
    }
    expect(s.out.length).toBeLessThan(20);
    expect(s.out.every((line) => line.startsWith('\r'))).toBe(true);
    t += 1;
    progress.tick(false);
    progress.done();
    expect(s.out.at(-1)).toMatch(/^\rρ=0 \[#+\] 100% 1000\/1000 · 0 failed .*\n$/);
  });
});
