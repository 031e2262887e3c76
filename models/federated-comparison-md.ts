// Renders federated.json (models/federated-comparison.ts) as the Markdown table of docs/sim-to-real.md.
import type { ConfidenceInterval } from '../reports/stats/bootstrap.ts';

type Metric = 'slaViolationRateRequests' | 'costUsd';
interface Comparison {
  command: string;
  rounds: number;
  localSteps: number;
  evalEpisodes: number;
  stepsPerPlant: number;
  stepsPerMethod: number;
  plants: { name: string; file: string; overrides: Record<string, unknown> }[];
  timingsSeconds: Record<string, number>;
  cells: ({ method: string; plant: string; meanPods: number } & Record<Metric, ConfidenceInterval>)[];
  paired: ({ plant: string; other: string } & Record<Metric, ConfidenceInterval>)[];
}

const fmt: Record<Metric, (x: number) => string> = { slaViolationRateRequests: (x) => `${(100 * x).toFixed(2)} %`, costUsd: (x) => `$${x.toFixed(4)}` };
const cell = (m: Metric, c: ConfidenceInterval) => `${fmt[m](c.estimate)} [${fmt[m](c.low)}, ${fmt[m](c.high)}]`;
const diff: Record<Metric, (x: number) => string> = { slaViolationRateRequests: (x) => `${(100 * x).toFixed(2)} pp`, costUsd: (x) => `$${x.toFixed(4)}` };
// 1e-9: a CI bound of 1e-12 is float noise of a zero difference, not a difference.
const verdict = (c: ConfidenceInterval) => (c.low > 1e-9 ? 'federated higher' : c.high < -1e-9 ? 'federated lower' : 'no clear difference');

/** The comparison as Markdown: one table per metric (methods × plants), then federated's paired differences. */
export function renderFederatedMarkdown(r: Comparison): string {
  const plants = r.plants.map((p) => p.name);
  const methods = [...new Set(r.cells.map((c) => c.method))];
  const lines = [
    '# Federated training: local-only vs FedAvg vs centralised (DQN)', '',
    `Command: \`${r.command}\``, '',
    `${r.rounds} rounds × ${r.localSteps} local steps = ${r.stepsPerPlant} env steps per plant, ${r.stepsPerMethod} per method; ` +
      `${r.evalEpisodes} evaluation episodes per cell (evaluation seeds 1…${r.evalEpisodes}, the same for every method); mean [95 % bootstrap CI].`, '',
    '![SLA-violating requests against cost per method and plant, 95 % CIs](federated.svg)', '',
    '| plant | file | overrides |', '|---|---|---|',
    ...r.plants.map((p) => `| ${p.name} | ${p.file} | ${Object.entries(p.overrides).map(([k, v]) => `${k} ${String(v)}`).join(', ')} |`), '',
  ];
  for (const [m, title] of [['slaViolationRateRequests', 'SLA-violating requests'], ['costUsd', 'Cost per episode (30 min)']] as [Metric, string][]) {
    lines.push(`## ${title}`, '', `| method | ${plants.join(' | ')} |`, `|---|${plants.map(() => '---|').join('')}`);
    for (const method of methods) lines.push(`| ${method} | ${plants.map((p) => cell(m, r.cells.find((c) => c.method === method && c.plant === p)![m])).join(' | ')} |`);
    lines.push('');
  }
  lines.push('## Federated minus each alternative (paired by evaluation seed)', '', '| plant | vs | Δ SLA-violating requests | verdict | Δ cost | verdict |', '|---|---|---|---|---|---|');
  for (const p of r.paired) {
    lines.push(`| ${p.plant} | ${p.other} | ${diff.slaViolationRateRequests(p.slaViolationRateRequests.estimate)} [${diff.slaViolationRateRequests(p.slaViolationRateRequests.low)}, ${diff.slaViolationRateRequests(p.slaViolationRateRequests.high)}] | ${verdict(p.slaViolationRateRequests)} | ${diff.costUsd(p.costUsd.estimate)} [${diff.costUsd(p.costUsd.low)}, ${diff.costUsd(p.costUsd.high)}] | ${verdict(p.costUsd)} |`);
  }
  lines.push('', `Wall time, seconds: ${Object.entries(r.timingsSeconds).map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');
  return lines.join('\n');
}
