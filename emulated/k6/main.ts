// The k6 stand-in of the emulated path (k6 is AGPL: never built or vendored here; users install the real k6).
// `k6 run [--quiet] [--no-thresholds] [--out json=FILE] [--summary-export FILE] SCRIPT` executes the script's
// load schedule — read statically from its `options` (workloads/k6-import.ts), never by running its JavaScript —
// with real HTTP GETs to its TARGET_URL, writes k6's real `--out json` NDJSON and handleSummary `data`, calls
// the script's own handleSummary (its function body only, with __ENV and JSON, no k6 modules), and exits 99 when
// a threshold fails, as k6 does. `k6 version` prints what this is.
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vm from 'node:vm';
import { parse } from 'acorn';
import { importK6Script } from '../../workloads/k6-import.ts';
import { planK6Options } from '../../workloads/k6-plan.ts';
import { k6Workload } from '../../workloads/k6-workload.ts';
import { createK6NdjsonWriter, createK6SummaryBuilder } from '../../k6/k6-output-writer.ts';
import { runLoad } from './load-runner.ts';
import { evaluateThresholds } from './thresholds.ts';

function fail(message: string, code = 255): never {
  process.stderr.write(`k6 stand-in: ${message}\n`);
  process.exit(code);
}

function option(args: string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) values.push(args[++i]);
    else if (args[i].startsWith(`${name}=`)) values.push(args[i].slice(name.length + 1));
  }
  return values;
}

/** The handleSummary function of the script, as a callable, or undefined when it has none. */
function handleSummaryOf(source: string): ((data: unknown) => Record<string, string>) | undefined {
  const program = parse(source, { ecmaVersion: 'latest', sourceType: 'module' }) as any;
  for (const node of program.body) {
    const decl = node.type === 'ExportNamedDeclaration' ? node.declaration : undefined;
    if (decl?.type === 'FunctionDeclaration' && decl.id?.name === 'handleSummary') {
      const fn = source.slice(decl.start, decl.end);
      const context = vm.createContext({ __ENV: { ...process.env }, JSON });
      return vm.runInContext(`(${fn})`, context) as (data: unknown) => Record<string, string>;
    }
  }
  return undefined;
}

async function run(args: string[]): Promise<number> {
  const scriptPath = args.filter((a, i) => !a.startsWith('-') && !['--out', '-o', '--summary-export'].includes(args[i - 1] ?? '')).pop() ?? fail('run: no script given');
  const source = readFileSync(scriptPath, 'utf8');
  const imported = importK6Script(source);
  const plan = planK6Options(imported.options);
  const workload = k6Workload(plan, { thinkTimeSeconds: imported.thinkTimeSeconds, name: 'k6-stand-in' });
  const scenarios = (imported.options.scenarios ?? {}) as Record<string, { maxVUs?: number; preAllocatedVUs?: number }>;
  const maxVus = Object.values(scenarios).reduce((a, s) => a + (s.maxVUs ?? s.preAllocatedVUs ?? 100), 0) || 100;
  const timeoutSeconds = Number(/timeout:\s*['"](\d+(?:\.\d+)?)s['"]/.exec(source)?.[1] ?? 60);
  const targetUrl = process.env.TARGET_URL || (/__ENV\.TARGET_URL\s*\|\|\s*['"]([^'"]+)['"]/.exec(source)?.[1] ?? fail('run: the script has no TARGET_URL default and TARGET_URL is not set'));
  const scenarioName = Object.keys(scenarios)[0] ?? 'default';
  const outs = option(args, '--out').concat(option(args, '-o'));
  const jsonOut = outs.find((o) => o.startsWith('json='))?.slice(5);
  const stream = jsonOut ? createWriteStream(resolve(jsonOut)) : undefined;
  const thresholds = (imported.options.thresholds ?? {}) as Record<string, string[]>;
  const ndjson = stream ? createK6NdjsonWriter((t) => stream.write(t), thresholds) : undefined;
  const summary = createK6SummaryBuilder();
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  let inFlightVus = 0;
  const vusTimer = setInterval(() => ndjson?.vus(Date.now(), inFlightVus, maxVus), 1000);
  if (!args.includes('--quiet') && !args.includes('-q')) process.stderr.write(`k6 stand-in: ${workload.kind} load for ${workload.durationSeconds} s against ${targetUrl}\n`);
  const stats = await runLoad(workload, {
    targetUrl, timeoutMs: timeoutSeconds * 1000, maxVus, signal: stop.signal,
    onRequest: (r) => {
      const req = { timeMs: r.startMs + r.durationMs, durationMs: r.durationMs, status: r.status, url: targetUrl, scenario: scenarioName, bytesSent: r.bytesSent, bytesReceived: r.bytesReceived };
      ndjson?.request(req);
      summary.request(req);
    },
  });
  clearInterval(vusTimer);
  inFlightVus = stats.maxVusUsed;
  summary.vus(stats.maxVusUsed);
  if (stream) await new Promise<void>((r) => stream.end(r));
  const noThresholds = args.includes('--no-thresholds');
  const results = noThresholds ? {} : evaluateThresholds(thresholds, summary.data(stats.durationMs) as any);
  const data = summary.data(stats.durationMs, results);
  for (const path of option(args, '--summary-export')) writeFileSync(resolve(path), JSON.stringify(data, null, 2));
  const handle = handleSummaryOf(source);
  if (handle) {
    for (const [key, text] of Object.entries(handle(data))) {
      if (key === 'stdout') process.stdout.write(text);
      else if (key === 'stderr') process.stderr.write(text);
      else writeFileSync(resolve(key), text);
    }
  } else {
    const d = (data.metrics as any).http_req_duration.values;
    process.stdout.write(`     http_reqs......: ${stats.iterations}\n     http_req_duration: avg=${d.avg.toFixed(2)}ms p(95)=${d['p(95)'].toFixed(2)}ms\n`);
  }
  if (stop.signal.aborted) return 105; // k6: test run aborted by signal
  const failed = Object.values(results).some((m) => Object.values(m).some((ok) => !ok));
  return failed ? 99 : 0;
}

async function main(argv: string[]): Promise<void> {
  const [cmd, ...args] = argv;
  if (cmd === 'version') {
    process.stdout.write('k6 v0.0.0-scalelab-stand-in (emulated path only; not Grafana k6)\n');
    return;
  }
  if (cmd !== 'run') fail(`'${cmd ?? ''}' is not emulated (only \`k6 run\` and \`k6 version\`)`, 255);
  process.exitCode = await run(args);
}

main(process.argv.slice(2)).catch((err) => fail(err instanceof Error ? err.message : String(err), 255));
