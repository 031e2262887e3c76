// `npm run bench`: the performance figures of the issue (a benchmark, not a timed test). Prints a table, or with
// `--json` one JSON object whose keys are the entries' keys plus `peakRssMb`. Add a figure with one entry below.
import { benchSimPlant } from './sim-plant.ts';
import { benchThesisPlant } from './thesis-plant.ts';
import { benchRl } from './rl.ts';
import { benchK6Summarize } from './k6-summarize.ts';

/** One measured figure. */
interface BenchEntry {
  /** Key in the JSON object (stable: scripts and the README read it). */
  key: string;
  label: string;
  unit: string;
  /** What the issue asks for, in words. */
  target: string;
  run(): number | Promise<number>;
}

const entries: BenchEntry[] = [
  {
    key: 'simSecondsPerWallSecond',
    label: 'realistic plant + HPA, one week of 1 s ticks (best of 3)',
    unit: 'sim s / wall s',
    target: '≥ 2,000,000',
    run: () => benchSimPlant().simSecondsPerWallSecond,
  },
  {
    key: 'thesisPlantSeconds',
    label: 'thesis plant, 30 traces × 8640 steps × 2 controllers (best of 3)',
    unit: 's',
    target: '< 0.5',
    run: () => benchThesisPlant().thesisPlantSeconds,
  },
  { key: 'dqnEnvStepsPerSecond', label: 'DQN training on the scaling env, default network (wasm)', unit: 'env steps / s', target: '≥ 1,000', run: async () => (await benchRl()).dqnEnvStepsPerSecond },
  { key: 'ppoEnvStepsPerSecond', label: 'PPO training on the scaling env, default networks (wasm)', unit: 'env steps / s', target: '', run: async () => (await benchRl()).ppoEnvStepsPerSecond },
  { key: 'decisionP50Ms', label: 'RL decision latency at batch 1, P50', unit: 'ms', target: '', run: async () => (await benchRl()).decisionP50Ms },
  {
    key: 'k6SummarizeMbPerMillionRequests',
    label: 'k6 summarize, 1 h of --out json (360k requests, ~1.1 GB): peak RSS above baseline per million requests',
    unit: 'MB / 1M requests',
    target: 'bounded (not growing with the file)',
    run: () => benchK6Summarize().k6SummarizeMbPerMillionRequests,
  },
  { key: 'decisionP99Ms', label: 'RL decision latency at batch 1, P99', unit: 'ms', target: '< 1', run: async () => (await benchRl()).decisionP99Ms },
];

const json = process.argv.slice(2).includes('--json');
const results: Record<string, number> = {};
for (const entry of entries) results[entry.key] = await entry.run();
// maxRSS is in kilobytes (KiB) on Linux.
results.peakRssMb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;

if (json) {
  process.stdout.write(`${JSON.stringify(results)}\n`);
} else {
  const rows = [
    ...entries.map((e) => [e.label, formatNumber(results[e.key]), e.unit, e.target]),
    ['peak resident memory of this process', formatNumber(results.peakRssMb), 'MB', ''],
  ];
  const header = ['benchmark', 'value', 'unit', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  process.stdout.write(`${[line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')}\n`);
}

function formatNumber(v: number): string {
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return v.toPrecision(3);
}
