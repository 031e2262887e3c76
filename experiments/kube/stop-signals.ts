// Ctrl-C (SIGINT) and SIGTERM during a cluster run: the first one aborts what is in flight (k6's process group,
// Pulumi's `up`, Prometheus and Kubernetes calls) so the cell's `finally` destroys its stack; the run then exits
// 130 or 143 (128 + the signal number), as shells report a process ended by that signal.

/** Exit code after a stop by `signal`. */
export const STOP_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/** Which signal stopped the run. */
export type StopSignal = keyof typeof STOP_EXIT_CODES;

/** Thrown once the interrupted cell's stack is destroyed. */
export class CellInterrupted extends Error {
  readonly signal: StopSignal;
  constructor(signal: StopSignal, options?: { cause?: unknown }) {
    super(`interrupted by ${signal}`, options);
    this.name = 'CellInterrupted';
    this.signal = signal;
  }
}

/** Listens for SIGINT/SIGTERM until `dispose()`; `signal` aborts on the first, `received` names it. */
export function listenForStop(log: (line: string) => void) {
  const controller = new AbortController();
  let received: StopSignal | undefined;
  const on = (sig: StopSignal) => () => {
    if (received !== undefined) return;
    received = sig;
    log(`${sig}: stopping k6 and destroying the running cell's stack (this can take a few minutes)`);
    controller.abort(new CellInterrupted(sig));
  };
  const onInt = on('SIGINT');
  const onTerm = on('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    received: () => received,
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}

/** Resolves after `ms`, or rejects at once when `signal` aborts. */
export function sleepUnlessStopped(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
