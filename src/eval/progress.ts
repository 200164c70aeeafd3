/**
 * The progress bar on stderr: redrawn in place on a terminal (at most every 100 ms), a plain line every 10%
 * otherwise, so CI logs stay short.
 */

export interface ProgressSink {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  /** One item finished; `failed` when it was an error. */
  tick(failed: boolean): void;
  done(): void;
}

const WIDTH = 28;
const REDRAW_MS = 100;

export function createProgress(total: number, label: string, sink: ProgressSink = process.stderr, now: () => number = () => performance.now()): Progress {
  const started = now();
  let finished = 0;
  let failures = 0;
  let lastDraw = -Infinity;
  let lastDecile = 0;
  const line = (): string => {
    const fraction = total === 0 ? 1 : finished / total;
    const filled = Math.round(fraction * WIDTH);
    const elapsed = (now() - started) / 1000;
    const rate = elapsed > 0 ? finished / elapsed : 0;
    const eta = rate > 0 ? (total - finished) / rate : 0;
    const bar = `${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}`;
    return `${label} [${bar}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${finished}/${total} · ${failures} failed · ${rate.toFixed(1)}/s · eta ${clock(eta)}`;
  };
  const draw = (force: boolean): void => {
    if (sink.isTTY) {
      if (!force && now() - lastDraw < REDRAW_MS) return;
      lastDraw = now();
      sink.write(`\r${line()}\u001b[K`);
      return;
    }
    const decile = total === 0 ? 10 : Math.floor((finished / total) * 10);
    if (force || decile > lastDecile) {
      lastDecile = decile;
      sink.write(`${line()}\n`);
    }
  };
  if (total > 0 && !sink.isTTY) sink.write(`${label}: ${total} requests\n`);
  return {
    tick(failed) {
      finished++;
      if (failed) failures++;
      draw(finished === total);
    },
    done() {
      if (sink.isTTY) sink.write(`\r${line()}\u001b[K\n`);
    },
  };
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
