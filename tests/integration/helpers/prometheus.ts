// Starts a REAL Prometheus (Debian package `prometheus`) on a free loopback port with a generated config and a
// temporary storage directory, optionally pre-filled with `promtool tsdb create-blocks-from openmetrics`.
// Throws (so the test FAILS, never skips) when the binaries are missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningPrometheus {
  url: string;
  process: ChildProcess;
  storageDir: string;
  /** SIGKILL (for "Prometheus down mid-run"); idempotent. */
  kill(): void;
  /** Stops the process and removes the temporary directory. */
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  /** host:port targets scraped as job `test`. */
  targets?: string[];
  scrapeIntervalSeconds?: number;
  /** OpenMetrics text (ending in `# EOF`) turned into TSDB blocks before start. */
  backfillOpenMetrics?: string;
}

function need(binary: string): string {
  const r = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  const path = r.stdout.trim();
  if (r.status !== 0 || path === '') {
    throw new Error(`${binary} is not installed: run \`apt-get update && apt-get install -y prometheus\` (the CI script .ci/run does this)`);
  }
  return path;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startPrometheus(o: PrometheusOptions = {}): Promise<RunningPrometheus> {
  const prometheus = need('prometheus');
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-prom-'));
  const storageDir = join(dir, 'data');
  if (o.backfillOpenMetrics !== undefined) {
    const promtool = need('promtool');
    writeFileSync(join(dir, 'backfill.om'), o.backfillOpenMetrics);
    const r = spawnSync(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'backfill.om'), storageDir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`promtool backfill failed: ${r.stderr || r.stdout}`);
  }
  const interval = `${o.scrapeIntervalSeconds ?? 1}s`;
  const config = [
    'global:',
    `  scrape_interval: ${interval}`,
    `  evaluation_interval: ${interval}`,
    'scrape_configs:',
    '  - job_name: test',
    `    scrape_interval: ${interval}`,
    `    scrape_timeout: ${interval}`,
    '    static_configs:',
    `      - targets: [${(o.targets ?? []).map((t) => JSON.stringify(t)).join(', ')}]`,
    '',
  ].join('\n');
  writeFileSync(join(dir, 'prometheus.yml'), config);
  const port = await freePort();
  const child = spawn(prometheus, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${storageDir}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c) => (stderr += c));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${stderr.slice(-500)}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`prometheus did not become ready within 15 s: ${stderr.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return {
    url,
    process: child,
    storageDir,
    kill,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        kill();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` every 100 ms until it returns true or `timeoutMs` passes (then throws with `what`). */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A node:http exporter serving whatever `render()` returns at /metrics (Prometheus text format). */
export async function startTestExporter(render: () => string): Promise<{ target: string; close(): Promise<void> }> {
  const { createServer: createHttpServer } = await import('node:http');
  const server = createHttpServer((req, res) => {
    if (req.url?.startsWith('/metrics')) res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(render());
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    target: `127.0.0.1:${port}`,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
