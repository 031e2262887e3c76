// The k6 stand-in's engine: executes a workload's schedule with real HTTP requests — arrival-rate scenarios start
// one iteration each time the integral of the rate crosses an integer (as k6's ramping-arrival-rate does, capped
// at maxVUs in flight: the rest are dropped iterations); VU scenarios keep n(t) loops of request-then-sleep.
// Every finished request goes to `onRequest`; time comes from the injected clock so tests can drive it.
import http from 'node:http';
import type { Workload } from '../../workloads/workload.ts';

/** One HTTP request as k6 measures it. */
export interface RequestResult {
  /** Wall-clock start, ms since the epoch. */
  startMs: number;
  /** Time to the full response (k6's http_req_duration), ms. */
  durationMs: number;
  /** HTTP status, 0 when the request failed without one (timeout, refused). */
  status: number;
  /** k6's `expected_response`: a 2xx/3xx status. */
  expected: boolean;
  /** Error text for status 0. */
  error?: string;
  bytesReceived: number;
  bytesSent: number;
}

export interface LoadRunOptions {
  targetUrl: string;
  /** Per-request timeout, ms (the script's `timeout`, k6's default 60 s). */
  timeoutMs: number;
  /** Upper bound on concurrent iterations of an arrival-rate scenario (the script's maxVUs). */
  maxVus: number;
  onRequest(r: RequestResult): void;
  /** Aborts the run (k6 interrupted): in-flight requests are cancelled. */
  signal?: AbortSignal;
}

export interface LoadRunStats {
  iterations: number;
  droppedIterations: number;
  maxVusUsed: number;
  durationMs: number;
}

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve) => {
  if (ms <= 0 || signal?.aborted) return resolve();
  const t = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
});

/** Runs the whole schedule; resolves when it ends and every request has answered or timed out. */
export async function runLoad(workload: Workload, o: LoadRunOptions): Promise<LoadRunStats> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const url = new URL(o.targetUrl);
  const t0 = Date.now();
  const endMs = t0 + workload.durationSeconds * 1000;
  let inFlight = 0, iterations = 0, dropped = 0, maxVus = 0;
  const pending = new Set<Promise<void>>();

  const request = (): Promise<void> => new Promise((resolve) => {
    const startMs = Date.now();
    let received = 0;
    const done = (status: number, error?: string) => {
      o.onRequest({ startMs, durationMs: Date.now() - startMs, status, expected: status >= 200 && status < 400, error, bytesReceived: received, bytesSent: 60 });
      resolve();
    };
    const req = http.get({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, agent, timeout: o.timeoutMs, signal: o.signal }, (res) => {
      res.on('data', (c: Buffer) => { received += c.length; });
      res.on('end', () => done(res.statusCode ?? 0));
      res.on('error', (err) => done(0, err.message));
    });
    req.on('timeout', () => req.destroy(new Error('request timeout')));
    req.on('error', (err) => done(0, err.message));
  });

  const track = (p: Promise<void>) => { pending.add(p); void p.finally(() => pending.delete(p)); };

  if (workload.kind === 'open') {
    // Iteration i starts when ∫ rate dt reaches i (k6 computes the same start times from its stages).
    let integral = 0, next = 1, t = 0;
    const dt = 0.005;
    while (!o.signal?.aborted && t < workload.durationSeconds) {
      integral += Math.max(0, workload.rateAt(t)) * dt;
      t += dt;
      while (integral >= next) {
        next++;
        const due = t0 + t * 1000;
        const wait = due - Date.now();
        if (wait > 1) await sleep(wait, o.signal);
        if (o.signal?.aborted) break;
        if (inFlight >= o.maxVus) { dropped++; continue; }
        inFlight++;
        maxVus = Math.max(maxVus, inFlight);
        iterations++;
        track(request().then(() => { inFlight--; }));
      }
    }
  } else {
    const think = workload.thinkTimeSeconds * 1000;
    const loops: Promise<void>[] = [];
    const vu = async (index: number) => {
      while (!o.signal?.aborted && Date.now() < endMs) {
        const target = workload.vusAt((Date.now() - t0) / 1000);
        if (index >= target) { await sleep(100, o.signal); continue; }
        iterations++;
        await request();
        await sleep(Math.min(think, endMs - Date.now()), o.signal);
      }
    };
    let started = 0;
    while (!o.signal?.aborted && Date.now() < endMs) {
      const target = Math.ceil(workload.vusAt((Date.now() - t0) / 1000));
      while (started < target) loops.push(vu(started++));
      maxVus = Math.max(maxVus, started);
      await sleep(100, o.signal);
    }
    await Promise.all(loops);
  }
  await Promise.all(pending);
  agent.destroy();
  return { iterations, droppedIterations: dropped, maxVusUsed: maxVus, durationMs: Date.now() - t0 };
}
