import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { buildClaimTable, type ClaimTableData } from '../../../reports/tables/claim-table.ts';
import type { ClaimResult } from '../../../reports/tables/claim-cell.ts';
import { T2 } from '../../../reports/tables/claims.ts';
import { formatClaimResult, renderClaimTable } from '../../../reports/tables/render-claims.ts';
import { renderTableText } from '../../../reports/tables/render-table.ts';
import type { RunRecord } from '../../../lib/ports.ts';
import { makeRecord } from '../helpers/synthetic-records.ts';

const seeds = [1, 2, 3, 4, 5];
const result = (t: ClaimTableData, row: string, header: string): ClaimResult => t.rows.find((r) => r.label === row)!.cells.find((c) => c.header === header)!.result;
const constrained = 'Lagrangian, δ = 0.15';

function records(unconstrainedMinutes: (seed: number) => number, constrainedReasons: Record<string, number>, constrainedMinutes = 0.01): RunRecord[] {
  const out: RunRecord[] = [];
  for (const s of seeds) {
    out.push(makeRecord('hybrid', s, { slaViolationRateMinutes: unconstrainedMinutes(s) }, { withSeries: false }));
    const c = makeRecord('hybrid-constrained', s, { slaViolationRateMinutes: constrainedMinutes }, { withSeries: false });
    c.reasons = constrainedReasons;
    out.push(c);
  }
  return out;
}

const noNaN = (t: ClaimTableData): void => {
  for (const part of renderClaimTable(t)) {
    for (const r of part.rows) for (const c of r) assert.not.match(c, /NaN/, `cell "${c}" of ${r[0]}`);
    assert.not.match(renderTableText(part), /NaN/);
  }
  for (const n of t.notes) assert.not.match(n, /NaN/);
};

test('λ comes from the model facts (training log), not from the run records, and is not judged by "beats it"', () => {
  const t = buildClaimTable(T2, records(() => 0.1, { RlHold: 40 }), {
    resamples: 200,
    modelFacts: { 'hybrid-constrained': { lambda: 1.25, lambdaEpisodes: 26, episodes: 252, source: 'models/hybrid-constrained/train-log.jsonl' } },
  });
  assert.equal([result(t, constrained, 'λ').estimate, result(t, constrained, 'λ').ci], [1.25, null]);
  assert.is(formatClaimResult(result(t, constrained, 'λ')), '1.25');
  assert.is(result(t, constrained, 'λ').verdict, 'not comparable');
  assert.ok(t.notes.some((n) => n.includes('last 10 %') && n.includes('26 of 252') && n.includes('models/hybrid-constrained/train-log.jsonl')));
  // The unconstrained hybrid has no λ: a dash, not "undefined in all 5 runs".
  assert.is(formatClaimResult(result(t, 'unconstrained', 'λ')), '—');
});

test('without a training log λ says so instead of "undefined in all N runs"', () => {
  const t = buildClaimTable(T2, records(() => 0.1, { RlHold: 40 }), { resamples: 100 });
  assert.is(formatClaimResult(result(t, constrained, 'λ')), 'no training log');
});

test('T2 SLA rate: the thesis\'s 15.0 % counts steps on its plant → not comparable; the relative effect is judged', () => {
  // Unconstrained 1.43 %, constrained 1.76 % (the case): the claimed −63.1 % vs ours +23 %: opposite sign.
  const t = buildClaimTable(T2, records(() => 0.0143, { RlHold: 40 }, 0.0176), { resamples: 200 });
  assert.is(result(t, constrained, 'SLA violations (rate)').verdict, 'not comparable');
  const rel = result(t, constrained, 'SLA rate vs unconstrained');
  assert.ok(Math.abs(rel.estimate! - (0.0176 / 0.0143 - 1) * 100) < 1e-9);
  assert.is(rel.verdict, 'not reproduced');
  assert.is(rel.sameDirection, false);
});

test('a relative change from a zero baseline has no estimate: "undefined (baseline is 0)" and "not comparable", never NaN', () => {
  // hybrid (the baseline) never violates: 0 % in every run; (0.01 − 0) / 0 is undefined.
  const t = buildClaimTable(T2, records(() => 0, { RlHold: 40 }), { resamples: 200 });
  const r = result(t, constrained, 'SLA rate vs unconstrained');
  assert.is(r.estimate, null);
  assert.is(formatClaimResult(r), 'undefined (baseline is 0)');
  assert.is(r.verdict, 'not comparable');
  assert.ok(t.notes.some((n) => n.startsWith('not comparable: a relative change from a baseline of 0 is undefined')));
  noNaN(t);
});

test('a baseline that is 0 in most runs (so in some bootstrap draws) gives no NaN CI either', () => {
  // Baseline 0 for seeds 1–4, 0.02 for seed 5: a resample draws only zeros with probability (4/5)^5 ≈ 0.33.
  const t = buildClaimTable(T2, records((s) => (s === 5 ? 0.02 : 0), { RlHold: 40 }), { resamples: 200 });
  const r = result(t, constrained, 'SLA rate vs unconstrained');
  assert.is(r.verdict, 'not comparable');
  assert.is(r.ci, null);
  noNaN(t);
});

test('safety interventions are descriptive: 0 % does not "exceed" the thesis\'s 9.3 %; 93 of 1,000 = 9.3 % is reproduced', () => {
  const none = buildClaimTable(T2, records(() => 0.1, { RlHold: 40 }), { resamples: 200 });
  assert.is(formatClaimResult(result(none, constrained, 'safety interventions')), '0.0 [0.0, 0.0] %');
  assert.is(result(none, constrained, 'safety interventions').verdict, 'not reproduced');
  const some = buildClaimTable(T2, records(() => 0.1, { RlHold: 907, SafetyBlockScaleDown: 60, SafetyForceScaleUp: 33 }), { resamples: 200 });
  assert.is(formatClaimResult(result(some, constrained, 'safety interventions')), '9.30 [9.30, 9.30] %');
  assert.is(result(some, constrained, 'safety interventions').verdict, 'reproduced');
});

test('printed T2 is split so no part has more than 4 claims (each part fits a 1,400 px window); notes go with the last part', () => {
  const parts = renderClaimTable(buildClaimTable(T2, records(() => 0.1, { RlHold: 40 }), { resamples: 50 }), { maxClaimsPerPart: 4 });
  assert.equal(parts.map((p) => p.id), ['T2a', 'T2b']);
  assert.equal(parts.map((p) => p.columns.length), [13, 13]);
  assert.is(parts[0].notes.length, 0);
  assert.ok(parts[1].notes.length > 0);
  // Part 2, constrained row: latency P95 (other plant), P95 vs unconstrained (0 % vs −20 %), λ (no log), interventions (0 % vs 9.3 %).
  assert.equal(parts[1].cellVerdicts![1].filter((v) => v !== null), ['not comparable', 'not reproduced', 'not comparable', 'not reproduced']);
});
