// `scalelab transfer-study`: fine-tuned (from a trained DQN) vs from-scratch DQN on a shifted plant — learning
// curves with 95 % CIs over training seeds and the steps saved (DESIGN.md §10). Writes transfer.json,
// transfer.md and transfer-curves.svg; a finished run (runs/<arm>-seed<k>/curve.json) is reused when run again.
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { FROM_SCRATCH, fineTunedArm, runTransferStudy } from '../../agent/rl/transfer-study.ts';
import { ModelFilesError, readProvenance } from '../../agent/rl/model-files.ts';
import { resolveModelDir } from '../../agent/rl/transfer.ts';
import { createRng } from '../../lib/rng.ts';
import { MODELS_DIR, REPO_ROOT, REPORTS_OUT_DIR } from '../../lib/paths.ts';
import { summariseTransfer } from '../../reports/transfer/transfer-summary.ts';
import { transferChart } from '../../reports/transfer/transfer-chart.ts';
import { transferMarkdown } from '../../reports/transfer/transfer-markdown.ts';
import { UserError } from '../errors.ts';
import { startProgress } from '../progress.ts';
import { checkOutDir, nonEmptyPath, staleLockNote } from '../out-dir.ts';
import { lockFolder } from '../../experiments/folder-lock.ts';
import { loadConfig, positiveInt } from './train.ts';

/** commander argParser of a comma-separated list of non-negative integers. */
function intList(name: string, min: number) {
  return (value: string): number[] => {
    const items = value.split(',');
    if (!items.every((v) => /^\d+$/.test(v) && Number(v) >= min)) throw new UserError(`--${name} = ${JSON.stringify(value)}: expected comma-separated integers ≥ ${min}`);
    return [...new Set(items.map(Number))];
  };
}

const describePlant = (plant: Record<string, unknown>, parent: Record<string, unknown>): string =>
  Object.keys(plant).filter((k) => JSON.stringify(plant[k]) !== JSON.stringify(parent[k])).map((k) => `${k} ${JSON.stringify(parent[k])} → ${JSON.stringify(plant[k])}`).join(', ') || 'none';

/** Registers `scalelab transfer-study`. */
export function register(program: Command): void {
  program
    .command('transfer-study')
    .description('transfer learning study: DQN fine-tuned from a trained model vs from scratch on a shifted plant (learning curves, steps saved)')
    .option('--parent <model-dir>', 'the trained parent model', nonEmptyPath, join(MODELS_DIR, 'dqn'))
    .option('--config <file>', 'training config of the shifted plant (default models/configs/dqn-shifted-plant.json)', nonEmptyPath, join(MODELS_DIR, 'configs', 'dqn-shifted-plant.json'))
    .option('--steps <n>', 'training steps per run', (v) => positiveInt('steps', v), 20000)
    .option('--seeds <list>', 'training seeds, each run in every arm', intList('seeds', 0), [1, 2, 3])
    .option('--freeze <list>', 'one fine-tuned arm per value: dense layers frozen', intList('freeze', 0), [0])
    .option('--resamples <n>', 'bootstrap resamples', (v) => positiveInt('resamples', v), 10000)
    .option('--out <dir>', 'output folder', nonEmptyPath, join(REPORTS_OUT_DIR, 'sim-to-real', 'transfer'))
    .action(async (o: { parent: string; config: string; steps: number; seeds: number[]; freeze: number[]; resamples: number; out: string }) => {
      const config = loadConfig(o.config);
      if (config.evalEpisodes < 1) throw new UserError(`--config ${o.config}: evalEpisodes = ${config.evalEpisodes}: the study evaluates every checkpoint, expected ≥ 1`);
      if (o.seeds.length < 2) throw new UserError(`--seeds ${o.seeds.join(',')}: a CI over training seeds needs at least 2 seeds`);
      checkOutDir(o.out);
      const lock = lockFolder(o.out, 'scalelab transfer-study');
      const note = staleLockNote(o.out, lock.tookOverFrom);
      if (note) process.stderr.write(note);
      const arms = o.freeze.length + 1;
      const progress = startProgress('transfer-study', o.steps * o.seeds.length * arms);
      let label = '';
      let last = 0;
      let result: Awaited<ReturnType<typeof runTransferStudy>>;
      try {
        result = await runTransferStudy({
          parentDir: o.parent, config, steps: o.steps, seeds: o.seeds, freezes: o.freeze, outDir: o.out,
          onRun: (r) => {
            label = `${r.arm} seed ${r.seed} (${r.index + 1}/${r.total})`;
            last = 0;
            progress.increment(0, label);
          },
          onProgress: (step) => {
            if (step - last >= 200 || step === o.steps) (progress.increment(step - last, label), (last = step));
          },
        });
      } catch (err) {
        if (err instanceof ModelFilesError) throw new UserError(err.message, { cause: err.cause });
        throw err;
      } finally {
        progress.stop();
        lock.release();
      }
      const summary = summariseTransfer(result.runs, { fineTuned: o.freeze.map(fineTunedArm), fromScratch: FROM_SCRATCH }, createRng(12), o.resamples);
      const parentPlant = ((readProvenance(resolveModelDir(o.parent), []).config as { env?: { plant?: Record<string, unknown> } }).env?.plant) ?? {};
      const rel = (p: string) => relative(REPO_ROOT, p) || p;
      const command = `scalelab transfer-study --parent ${rel(o.parent)} --config ${rel(o.config)} --steps ${o.steps} --seeds ${o.seeds.join(',')} --freeze ${o.freeze.join(',')} --out ${rel(o.out)}`;
      const reference = { label: 'hpa-70', ...result.hpa70 };
      const setting = { command, parent: rel(o.parent), shift: describePlant(config.env.plant as unknown as Record<string, unknown>, parentPlant), steps: o.steps, seeds: o.seeds, evalEpisodes: config.evalEpisodes, reference };
      const chart = await transferChart(summary, FROM_SCRATCH, reference, `DQN on the shifted plant (${setting.shift}).`);
      writeFileSync(join(o.out, 'transfer-curves.svg'), chart.svg);
      writeFileSync(join(o.out, 'transfer.md'), transferMarkdown(summary, setting, 'transfer-curves.svg'));
      writeFileSync(join(o.out, 'transfer.json'), JSON.stringify({ schema: 'scalelab.transfer-study/v1', setting, summary, runs: result.runs }, null, 2) + '\n');
      const lines = Object.entries(summary.saved).map(([arm, v]) => `${arm}: ${v.estimate === null ? 'does not reach it' : `${v.estimate} steps saved [${Math.round(v.low)}, ${Math.round(v.high)}]`}`);
      process.stdout.write(`from-scratch final quality ${summary.target.quality.toFixed(3)} at step ${summary.target.step}; ${lines.join('; ')}\nwritten to ${join(o.out, 'transfer.md')}\n`);
    });
}
