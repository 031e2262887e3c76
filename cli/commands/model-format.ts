// Text rendering of `scalelab model inspect` and `model diff` (numbers come from experiments/model-inspect).
import type { ModelInspection } from '../../experiments/model-inspect/inspect-model.ts';
import type { ModelDiff } from '../../experiments/model-inspect/diff-models.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const num = (x: unknown, digits: number) => (typeof x === 'number' ? x.toFixed(digits) : '?');

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The inspection as text, ending with the chart paths. */
export function formatInspection(r: ModelInspection, charts: Record<string, string>): string {
  const e = r.evaluation;
  const s = r.scenario;
  const lines = [
    `model ${r.model.dir}: ${r.model.agent}, seed ${r.model.seed}, ${r.model.steps} steps, code ${r.model.codeVersion}, trained on the ${r.model.backend} backend`,
    `  training episodes: ${r.model.trainedOn}`,
  ];
  if (e) lines.push(`  evaluation (${num(e.episodes, 0)} episodes): SLA-violating requests ${typeof e.slaViolationRateRequests === 'number' ? pct(e.slaViolationRateRequests) : '?'}, P95 ${num(e.latencyP95Ms, 1)} ms, cost $${num(e.costUsd, 4)}, mean pods ${num(e.meanPods, 2)}`);
  lines.push(`observation (${r.observation.size} features, each in [0, 1]): ${r.observation.features.join(', ')}`);
  lines.push(`actions (${r.actions.length}): ${r.actions.join(', ')}`);
  lines.push('', `scenario ${s.scenario} (base ${s.baseRps} req/s, peak ${s.peakRps} req/s, ${s.durationSeconds} s, seed ${s.seed}): ${s.decisions} decisions`);
  lines.push(...table(['action', 'decisions', 'share'], r.actions.map((a) => [a, String(r.actionHistogram[a]), pct(r.actionHistogram[a] / Math.max(1, s.decisions))])));
  lines.push(`  final decisions by reason: ${Object.entries(r.reasons).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const w = r.reward;
  lines.push(`  reward per decision: ${w.total.toFixed(3)} = −(sla ${w.sla.toFixed(3)} + utilization ${w.utilization.toFixed(3)} + cost ${w.cost.toFixed(3)} + risk ${w.risk.toFixed(3)}); SLA-violating requests ${pct(w.violationFraction)}`);
  if (r.headroom) {
    const counts = new Map<number, number>();
    for (const h of r.headroom) counts.set(h.headroom, (counts.get(h.headroom) ?? 0) + 1);
    const changes = r.headroom.filter((h, i) => i > 0 && h.level !== r.headroom![i - 1].level).length;
    lines.push(`  PPO headroom: ${[...counts].sort(([a], [b]) => a - b).map(([h, n]) => `${h} for ${pct(n / r.headroom!.length)}`).join(', ')} of the decisions; ${changes} changes`);
  }
  lines.push('', `policy over ${r.grid.x} × ${r.grid.y} (${r.grid.values.length}×${r.grid.values.length} grid, other features at their median over the scenario): ${charts.policyGrid}`);
  if (charts.headroom) lines.push(`PPO headroom over time: ${charts.headroom}`);
  return lines.join('\n');
}

/** The comparison as text: agreement rates and the confusion of actions. */
export function formatDiff(d: ModelDiff): string {
  const s = d.scenario;
  const lines = [
    `A ${d.a.dir} (${d.a.agent}) vs B ${d.b.dir} (${d.b.agent})`,
    `scenario ${s.scenario} (base ${s.baseRps} req/s, peak ${s.peakRps} req/s, ${s.durationSeconds} s, seed ${s.seed}): ${s.decisions} decisions on the observations of A's run`,
    `  same action: ${d.actionAgreement === null ? 'n/a (different action sets)' : pct(d.actionAgreement)}   same replicas: ${pct(d.replicaAgreement)}   same direction: ${pct(d.directionAgreement)}`,
    '  confusion of the networks\' actions (rows A, columns B):',
  ];
  const rows = d.a.actions.map((a) => [`A ${a}`, ...d.b.actions.map((b) => String(d.confusion[a][b]))]);
  lines.push(...table(['', ...d.b.actions.map((b) => `B ${b}`)], rows).map((l) => `  ${l}`));
  return lines.join('\n');
}
