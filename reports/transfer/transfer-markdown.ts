// The transfer study as markdown: the setting, the steps saved, and one row per evaluated step with each arm's
// mean quality [95 % CI], SLA-violating requests and mean pods. Formatting only; the numbers come from
// transfer-summary.ts.
import type { TransferSummary } from './transfer-summary.ts';

/** What the study ran (for the header). */
export interface TransferSetting {
  command: string;
  parent: string;
  shift: string;
  steps: number;
  seeds: number[];
  evalEpisodes: number;
  reference: { label: string; quality: number; slaViolationRateRequests: number; meanPods: number };
}

const q = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const steps = (x: number) => x.toLocaleString('en-US');

/** Use after summariseTransfer. */
export function transferMarkdown(s: TransferSummary, setting: TransferSetting, chartFile: string): string {
  const arms = Object.keys(s.curves);
  const lines = [
    '# Transfer learning: fine-tuned vs from scratch on a shifted plant',
    '',
    `Command: \`${setting.command}\``,
    '',
    `Parent: ${setting.parent}. Shift: ${setting.shift}. ${steps(setting.steps)} training steps per run, training seeds ${setting.seeds.join(', ')} per arm, ` +
      `evaluation on ${setting.evalEpisodes} evaluation episodes (greedy, the shifted plant without randomisation). Quality = −(mean pods / 20) − 20 × SLA-violating fraction ` +
      `of requests (tune-reward's objective; higher is better). ${setting.reference.label} on the same episodes: quality ${q(setting.reference.quality)}, ` +
      `${pct(setting.reference.slaViolationRateRequests)} SLA-violating requests, ${setting.reference.meanPods.toFixed(2)} pods.`,
    '',
    `From-scratch final quality (the target): ${q(s.target.quality)} at step ${steps(s.target.step)}.`,
    '',
  ];
  const savedLine = (arm: string, v: TransferSummary['saved'][string], target: string) =>
    v.estimate === null
      ? `- **${arm}**: does not reach ${target} within ${steps(s.target.step)} steps (reached in ${(v.reachedFraction * 100).toFixed(0)} % of bootstrap resamples).`
      : `- **${arm}**: reaches ${target} at step ${steps(v.stepsToTarget!)}: **${steps(v.estimate)} steps saved** (${((v.estimate / s.target.step) * 100).toFixed(0)} % of the budget), ` +
        `95 % CI [${steps(Math.round(v.low))}, ${steps(Math.round(v.high))}] (resampling seeds; a resample that never reaches it counts 0; reached in ${(v.reachedFraction * 100).toFixed(0)} % of resamples).`;
  for (const [arm, v] of Object.entries(s.saved)) lines.push(savedLine(arm, v, 'the target'));
  lines.push('', `Plateau target (less sensitive to the last evaluation's noise): the from-scratch mean over its last ${s.plateau.evaluations} evaluations (steps ${steps(s.plateau.fromStep)}–${steps(s.target.step)}), ${q(s.plateau.quality)}.`, '');
  for (const [arm, v] of Object.entries(s.savedPlateau)) lines.push(savedLine(arm, v, 'the plateau target'));
  const diffs = Object.keys(s.differences);
  lines.push('', `![learning curves](${chartFile})`, '', `Per step: each arm's mean quality [95 % CI over seeds], SLA-violating requests and mean pods; Δ = fine-tuned − from scratch, paired by training seed [95 % CI].`, '',
    `| step | ${arms.map((a) => `${a} quality | viol. | pods`).join(' | ')} | ${diffs.map((a) => `Δ ${a}`).join(' | ')} |`, `|---|${arms.map(() => '---|---|---').join('|')}|${diffs.map(() => '---').join('|')}|`);
  const allSteps = [...new Set(arms.flatMap((a) => s.curves[a].map((p) => p.step)))].sort((a, b) => a - b);
  for (const step of allSteps) {
    const cells = arms.map((a) => {
      const p = s.curves[a].find((c) => c.step === step);
      return p ? `${q(p.quality.estimate)} [${q(p.quality.low)}, ${q(p.quality.high)}] | ${pct(p.slaViolationRateRequests)} | ${p.meanPods.toFixed(2)}` : ' | | ';
    });
    const deltas = diffs.map((a) => {
      const d = s.differences[a].find((c) => c.step === step);
      return d ? `${d.estimate >= 0 ? '+' : ''}${q(d.estimate)} [${q(d.low)}, ${q(d.high)}]` : '';
    });
    lines.push(`| ${steps(step)} | ${cells.join(' | ')} | ${deltas.join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}
