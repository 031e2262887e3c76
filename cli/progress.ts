// A progress bar with ETA on stderr for long work; plain periodic lines when stderr is not a terminal.
import cliProgress from 'cli-progress';
import type { RunProgress } from '../experiments/runner.ts';

export interface Progress {
  /** Advance by `delta` units, with optional payload text (e.g. "reward -12.3"). */
  increment(delta?: number, info?: string): void;
  stop(): void;
}

/** Use for anything that takes over a second: `const p = startProgress('runs', total); … p.stop()`. */
export function startProgress(label: string, total: number, options: { quiet?: boolean } = {}): Progress {
  if (options.quiet || process.env.SCALELAB_QUIET === '1') return { increment() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted} | {info}`,
        stream: process.stderr,
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { info: '' });
    return {
      increment(delta = 1, info = '') {
        bar.increment(delta, { info });
      },
      stop() {
        bar.stop();
      },
    };
  }
  // Not a terminal (CI, pipes): a line every ~10 % with an ETA.
  const started = performance.now();
  let done = 0;
  let nextReport = 0.1;
  return {
    increment(delta = 1, info = '') {
      done += delta;
      const fraction = total > 0 ? done / total : 1;
      if (fraction >= nextReport || done === total) {
        const elapsed = (performance.now() - started) / 1000;
        const eta = fraction > 0 ? (elapsed / fraction) * (1 - fraction) : 0;
        process.stderr.write(
          `${label}: ${done}/${total} (${Math.round(fraction * 100)}%), ETA ${eta.toFixed(0)} s${info ? ` | ${info}` : ''}\n`,
        );
        while (nextReport <= fraction) nextReport += 0.1;
      }
    },
    stop() {},
  };
}

/** A runner progress callback drawing the bar above: `run <label> [...] done/total`. */
export function runProgressBar(label: string, options: { quiet?: boolean } = {}): RunProgress {
  let bar: Progress | undefined;
  return {
    start(total) {
      bar = startProgress(label, total, options);
    },
    cellDone(key) {
      bar?.increment(1, key);
    },
    stop() {
      bar?.stop();
    },
  };
}
