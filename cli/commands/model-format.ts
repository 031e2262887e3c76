// Text rendering of `scalelab model inspect` and `model diff` (numbers come from experiments/model-inspect).
import type { ModelDiff, ModelInspection } from '../../experiments/model-inspect/index.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const num = (x: unknown, digits: number) => (typeof x === 'number' ? x.toFixed(digits) : '?');
const minutes = (t: number) => t.toFixed(2);

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)];
}

const scenarioLine = (s: ModelInspection['scenario']) => `scenario ${s.scenario} (base ${s.baseRps} req/s, peak ${s.peakRps} req/s, ${s.durationSeconds} s, plant seed ${s.seed}, the model's nominal plant)`;

/** The inspection as text, ending with the chart paths. */
export function formatInspection(r: ModelInspection, charts: Record<string, string>): string {
  const e = r.evaluation;
  const s = r.scenario;
  const lines = [
    `model ${r.model.dir}: ${r.model.agent}, seed ${r.model.seed}, ${r.model.steps} steps, code ${r.model.codeVersion}, trained with the tfjs ${r.model.backend} backend`,
    `  training episodes: ${r.model.trainedOn}`,
  ];
  if (e) lines.push(`  evaluation (${num(e.episodes, 0)} episodes): SLA-violating requests ${typeof e.slaViolationRateRequests === 'number' ? pct(e.slaViolationRateRequests) : '?'}, P95 ${num(e.latencyP95Ms, 1)} ms, cost $${num(e.costUsd, 4)}, mean pods ${num(e.meanPods, 2)}`);
  lines.push(`observation (${r.observation.size} features, each in [0, 1]): ${r.observation.features.join(', ')}`);
  lines.push(`actions (${r.actions.length}): ${r.actions.join(', ')}`);
  lines.push('', `${scenarioLine(s)}: ${s.decisions} decisions`);
  lines.push(...table(['network action', 'decisions', 'share'], r.actions.map((a) => [a, String(r.actionHistogram[a]), pct(r.actionHistogram[a] / Math.max(1, s.decisions))])));
  lines.push(`  final decisions by reason: ${Object.entries(r.reasons).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const w = r.reward;
  lines.push(`  reward per decision: ${w.total.toFixed(3)} = −(sla ${w.sla.toFixed(3)} + utilization ${w.utilization.toFixed(3)} + cost ${w.cost.toFixed(3)} + risk ${w.risk.toFixed(3)}); SLA-violating requests ${pct(w.violationFraction)} (mean over decision windows)`);
  const h = r.headroom;
  if (h) {
    lines.push(`  PPO headroom (range ${h.range.join('–')}, chosen every ${h.ppoPeriodDecisions} decisions, ${h.choices} choices): mean ${h.mean.toFixed(3)}, SD ${h.sd.toFixed(3)}, min ${h.min.toFixed(3)}, max ${h.max.toFixed(3)}`);
  }
  const g = r.grid;
  const base = Object.entries(g.base).filter(([k]) => k !== g.x && k !== g.y).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
  lines.push('', `policy over ${g.x} × ${g.y} (${g.values.length}×${g.values.length} grid; other features at their median over the scenario: ${base})`);
  lines.push(`  chart: ${charts.policyGrid}`);
  lines.push(`decisions over time${h ? ' with the PPO headroom' : ''}: ${charts.timeline}`);
  return lines.join('\n');
}

const directions = (d: Record<string, number>) => Object.entries(d).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');

/** The comparison as text: agreement rates, the confusion of actions and where they differ. */
export function formatDiff(d: ModelDiff, nameA: string, nameB: string): string {
  const s = d.scenario;
  const lines = [
    `A ${nameA} (${d.a.agent}) vs B ${nameB} (${d.b.agent})`,
    `${scenarioLine(s)}: ${s.decisions} decisions on the observations of A's run`,
    `  same action: ${d.actionAgreement === null ? 'n/a (different action sets)' : pct(d.actionAgreement)}   same replicas: ${pct(d.replicaAgreement)}   same direction: ${pct(d.directionAgreement)}   B − A replicas: ${d.meanReplicaDifference >= 0 ? '+' : ''}${d.meanReplicaDifference.toFixed(2)} per decision`,
    '  confusion of the networks\' actions (before floor and safety; rows A, columns B):',
  ];
  const rows = d.a.actions.map((a) => [`A ${a}`, ...d.b.actions.map((b) => String(d.confusion[a][b]))]);
  lines.push(...table(['', ...d.b.actions.map((b) => `B ${b}`)], rows).map((l) => `  ${l}`));
  const shown = [...d.disagreements].sort((p, q) => q.decisions - p.decisions || p.fromMinute - q.fromMinute).slice(0, 8).sort((p, q) => p.fromMinute - q.fromMinute);
  const h = (x: number | null) => (x === null ? 'none' : x.toFixed(3));
  lines.push(`  same network action but different replicas (floor or safety layer): ${d.sameActionDifferentReplicas} decisions; mean PPO headroom A ${h(d.meanHeadroom.a)}, B ${h(d.meanHeadroom.b)}`);
  lines.push(`  where they decide different replicas: ${d.disagreements.length} stretch${d.disagreements.length === 1 ? '' : 'es'}, ${d.disagreements.reduce((n, x) => n + x.decisions, 0)} decisions${d.disagreements.length > shown.length ? ` (the ${shown.length} longest shown)` : ''}`);
  if (shown.length > 0) {
    lines.push(...table(
      ['minutes', 'decisions', 'load req/s', 'replicas then', 'A directions', 'B directions', 'A → replicas', 'B → replicas'],
      shown.map((x) => [
        x.fromMinute === x.toMinute ? minutes(x.fromMinute) : `${minutes(x.fromMinute)}–${minutes(x.toMinute)}`, String(x.decisions),
        x.rpsMin === null ? '—' : `${x.rpsMin.toFixed(0)}–${x.rpsMax!.toFixed(0)}`,
        x.replicasMin === x.replicasMax ? String(x.replicasMin) : `${x.replicasMin}–${x.replicasMax}`,
        directions(x.a), directions(x.b), x.aMeanReplicas.toFixed(1), x.bMeanReplicas.toFixed(1),
      ]),
    ).map((l) => `  ${l}`));
  }
  return lines.join('\n');
}
