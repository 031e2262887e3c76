import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { analyzeFrontiers, frontierOptionsFromFamilies } from '../../../reports/frontier/tuned-frontier.ts';
import { frontierAnswer, frontierHeadline } from '../../../reports/frontier/frontier-section.ts';
import type { RunRecord } from '../../../lib/ports.ts';
import { makeRecord } from '../helpers/synthetic-records.ts';

const typed = (name: string, type: string, seed: number, cost: number, violation: number): RunRecord => {
  const r = makeRecord(name, seed, { costUsd: cost, slaViolationRateRequests: violation / 100 }, { withSeries: false });
  r.config = { autoscaler: { name, type } };
  return r;
};

// An HPA sweep: hpa-50 (1 %, $10), hpa-100 (3 %, $6), hpa-150 (5 %, $5); KPA one setting (2 %, $9).
// The agent: 4 % at $4.4 ± 0.1 across seeds (mean $4.4).
function records(agentCost = (s: number) => 4.4 + (s - 3) * 0.05): RunRecord[] {
  const out: RunRecord[] = [];
  for (const s of [1, 2, 3, 4, 5]) {
    out.push(typed('hpa-50', 'hpa', s, 10, 1), typed('hpa-100', 'hpa', s, 6, 3), typed('hpa-150', 'hpa', s, 5, 5), typed('kpa', 'kpa', s, 9, 2));
    out.push(typed('hybrid', 'hybrid', s, agentCost(s), 4));
  }
  return out;
}

test('families come from the autoscaler type; the margin is against the frontier interpolated at the agent\'s rate (hand value)', () => {
  const a = analyzeFrontiers(records(), { resamples: 500 })!;
  assert.equal(a.families, ['hpa', 'kpa']);
  const agent = a.agents.find((g) => g.label === 'hybrid')!;
  // HPA frontier at 4 %: halfway between (3, 6) and (5, 5) = 5.5; margin (4.4 − 5.5)/5.5 = −20 %.
  const hpa = agent.perFamily.find((p) => p.family === 'hpa')!;
  assert.ok(Math.abs(hpa.frontierCost! - 5.5) < 1e-12);
  assert.ok(Math.abs(hpa.margin!.pct - -20) < 1e-9, String(hpa.margin!.pct));
  // KPA's only setting is at 2 %: past its cheapest vertex the frontier is flat at $9 → margin −51.1 %.
  assert.ok(Math.abs(agent.perFamily.find((p) => p.family === 'kpa')!.margin!.pct - ((4.4 - 9) / 9) * 100) < 1e-9);
  // The best tuned baseline is the cheapest frontier at 4 % (HPA, $5.5).
  assert.is(agent.best!.family, 'hpa');
  // Seeds move the agent's cost by ±0.1: the bootstrap CI stays within (4.3 − 5.5)/5.5 … (4.5 − 5.5)/5.5.
  assert.ok(agent.best!.ci!.low >= ((4.3 - 5.5) / 5.5) * 100 - 1e-9 && agent.best!.ci!.high <= ((4.5 - 5.5) / 5.5) * 100 + 1e-9, JSON.stringify(agent.best!.ci));
  assert.match(frontierHeadline(agent), /^hybrid: 20\.0 % cheaper \[95 % CI .*\] than the best tuned baseline \(hpa\) at the same SLA-violation rate \(4\.00 % of requests\)/);
});

test('an agent no cheaper than the frontier is reported "not better"', () => {
  const a = analyzeFrontiers(records(() => 5.6), { resamples: 200 })!;
  assert.match(frontierHeadline(a.agents[0]), /^hybrid: not better than the best tuned baseline \(hpa\)/);
});

test('with tuning seeds the frontier settings are chosen on them and measured on the held-out seeds only', () => {
  const rs = records();
  // On tuning seeds 1–2 hpa-100 is dear ($8: above the chord of hpa-50 and hpa-150, so not on the frontier); on held-out seeds it is $6.
  for (const r of rs) if (r.autoscaler === 'hpa-100' && r.seed <= 2) r.metrics.costUsd = 8;
  const a = analyzeFrontiers(rs, { resamples: 200, tuningSeeds: [1, 2] })!;
  assert.ok(a.heldOut);
  assert.equal(a.evaluationSeeds, [3, 4, 5]);
  assert.equal(a.settings.filter((s) => s.family === 'hpa' && s.onFrontier).map((s) => s.label).sort(), ['hpa-150', 'hpa-50']);
  // Frontier (1, 10)–(5, 5) at 4 % = 6.25; agent mean over seeds 3–5 = 4.45 → −28.8 %.
  const hpa = a.agents[0].perFamily.find((p) => p.family === 'hpa')!;
  assert.ok(Math.abs(hpa.margin!.pct - ((4.45 - 6.25) / 6.25) * 100) < 1e-9, String(hpa.margin!.pct));
});

test('fewer violations than every setting: "dominates" when also cheaper, else "out of reach"; no agent → null', () => {
  const rs = records().map((r) => (r.autoscaler === 'hybrid' ? typed('hybrid', 'hybrid', r.seed, 4, 0.5) : r));
  const g = analyzeFrontiers(rs, { resamples: 100 })!.agents[0];
  assert.equal(g.perFamily.map((p) => p.status), ['dominates', 'dominates']);
  assert.is(g.best, null);
  assert.is(analyzeFrontiers(records().filter((r) => r.autoscaler !== 'hybrid'), { resamples: 10 }), null);
});

test('the tuning/held-out split of experiments/defs/README-tuning.md: tuning-experiment records choose, held-out records evaluate', () => {
  // Tuning experiment (seeds 101–102): hpa-100 is dear there ($8, off the frontier). Held-out (seeds 201–203): $6.
  const tuning = [101, 102].flatMap((s) => [typed('hpa-50', 'hpa', s, 10, 1), typed('hpa-100', 'hpa', s, 8, 3), typed('hpa-150', 'hpa', s, 5, 5)]).map((r) => ({ ...r, experiment: 'tuning' }));
  const heldout = [201, 202, 203].flatMap((s) => [typed('hpa-50', 'hpa', s, 10, 1), typed('hpa-100', 'hpa', s, 6, 3), typed('hpa-150', 'hpa', s, 5, 5), typed('hybrid', 'hybrid', s, 4.4, 4)]).map((r) => ({ ...r, experiment: 'heldout' }));
  const options = frontierOptionsFromFamilies({ tuningExperiment: 'tuning', heldoutExperiment: 'heldout', families: { hpa: { knob: 'targetCpuUtilization', members: { 'hpa-50': 50, 'hpa-100': 100, 'hpa-150': 150 } } }, agents: ['hybrid'] });
  const a = analyzeFrontiers([...tuning, ...heldout], { ...options, resamples: 100 })!;
  assert.ok(a.heldOut);
  assert.equal(a.evaluationSeeds, [201, 202, 203]);
  // Frontier chosen on tuning = hpa-50, hpa-150; on held-out (1, 10)–(5, 5) at 4 % = 6.25 → (4.4 − 6.25)/6.25.
  assert.ok(Math.abs(a.agents[0].best!.pct - ((4.4 - 6.25) / 6.25) * 100) < 1e-9);
});

test('the answer says the quality bar cannot be judged when no family is swept, and names untuned baselines as such', () => {
  const single = records().filter((r) => r.autoscaler === 'kpa' || r.autoscaler === 'hybrid');
  const answer = frontierAnswer(analyzeFrontiers(single, { resamples: 50 })!);
  assert.match(answer[0], /than the best baseline \(kpa, a single untuned setting\)/);
  assert.ok(answer.some((l) => /cannot be judged on these records — no family is swept/.test(l)), answer.join('\n'));
  const swept = frontierAnswer(analyzeFrontiers(records(), { resamples: 50 })!);
  assert.ok(swept.some((l) => /Quality bar .*: met by hybrid\./.test(l)), swept.join('\n'));
});

test('a frontier-families file of the wrong shape is refused with the field named', () => {
  assert.throws(() => frontierOptionsFromFamilies({ families: {}, agents: [] }), /field "tuningExperiment" is undefined/);
  assert.throws(() => frontierOptionsFromFamilies({ tuningExperiment: 't', families: { hpa: {} }, agents: [] }), /field "families.hpa.members" is undefined/);
  assert.throws(() => frontierOptionsFromFamilies({ tuningExperiment: 't', families: {}, agents: 'dqn' }), /field "agents" is "dqn"/);
});
