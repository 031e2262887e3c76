// The transfer study's runs (file adapter, DESIGN.md §10): on one (shifted) training config, DQN fine-tuned from a
// trained parent against DQN from scratch, the same training seeds, episodes and hyper-parameters in both arms —
// only the initial weights differ. Each run is a real `scalelab train` session (runTrainSession) whose networks
// are evaluated greedily at step 0 and at every checkpoint, on the same evaluation episodes as the session's own
// final evaluation (evaluation seeds 1…evalEpisodes, the config's nominal plant, no randomisation). Returns the
// numbers; reports/transfer/ turns them into statistics, the chart and the markdown.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { createHpaAutoscaler } from '../hpa/index.ts';
import { createDqnAgent } from './dqn.ts';
import { createScalingEnv } from './env.ts';
import { evaluateOnEpisodes, type EvaluationSummary } from './evaluate.ts';
import { initTf } from './tf.ts';
import { repoTraceLoader } from './trace-files.ts';
import type { TrainConfig } from './train-config.ts';
import { envConfigFor, policyAutoscaler, runTrainSession } from './train-session.ts';
import { loadParent } from './transfer.ts';
import { tuningObjective } from './tune-reward.ts';

/** The from-scratch arm's name; a fine-tuned arm is named by its --freeze (fineTunedArm). */
export const FROM_SCRATCH = 'from-scratch';
export const fineTunedArm = (freeze: number): string => `fine-tuned-freeze${freeze}`;

/** One evaluation of a run's networks. */
export interface CurvePoint {
  /** Training steps done when the networks were evaluated. */
  step: number;
  /** tune-reward's objective (maximised): −(mean pods / max replicas) − 20 × SLA-violating fraction of requests. */
  quality: number;
  slaViolationRateRequests: number;
  meanPods: number;
  costUsd: number;
}

export interface StudyRun {
  /** `from-scratch` or `fine-tuned-freeze<N>`. */
  arm: string;
  seed: number;
  points: CurvePoint[];
}

export interface TransferStudyOptions {
  /** The parent model (models/dqn or its model/ folder). */
  parentDir: string;
  /** The training config of the new (shifted) plant; checkpointEverySteps sets the evaluation interval. */
  config: TrainConfig;
  steps: number;
  seeds: number[];
  /** One fine-tuned arm per --freeze value. */
  freezes: number[];
  /** Runs are written to `<outDir>/runs/<arm>-seed<seed>/` (a finished run's curve.json is reused). */
  outDir: string;
  onRun?: (run: { arm: string; seed: number; index: number; total: number }) => void;
  onProgress?: (step: number, total: number) => void;
}

export interface TransferStudyResult {
  runs: StudyRun[];
  /** HPA-70 on the same evaluation episodes (a reference line). */
  hpa70: CurvePoint;
}

const pointOf = (step: number, e: EvaluationSummary, maxReplicas: number): CurvePoint => ({
  step, quality: tuningObjective(e, maxReplicas), slaViolationRateRequests: e.slaViolationRateRequests, meanPods: e.meanPods, costUsd: e.costUsd,
});

/** Use from `scalelab transfer-study`: trains and evaluates every (arm, seed) run; DQN only. */
export async function runTransferStudy(o: TransferStudyOptions): Promise<TransferStudyResult> {
  await initTf();
  const envConfig = envConfigFor('dqn', o.config);
  const plant = envConfig.plant;
  const evaluate = (step: number, networks: Record<string, LayersModel>): CurvePoint =>
    pointOf(step, evaluateOnEpisodes(() => policyAutoscaler('dqn', o.config, networks), o.config.evalEpisodes, envConfig.episodes, plant, repoTraceLoader), plant.maxReplicas);
  const env = createScalingEnv(envConfig, { loadTrace: repoTraceLoader });
  // The parent passes the same checks as `train --init-from` (agent type, observation contract, shapes, hashes).
  const parent = await loadParent({ modelDir: o.parentDir, freeze: 0 }, 'dqn', o.config, envConfig, env.actions.map((a) => a.name), env.observationSize);
  const zeroShot = evaluate(0, parent.networks);
  const runs: StudyRun[] = [];
  const arms = [...o.freezes.map((f) => ({ arm: fineTunedArm(f), freeze: f as number | null })), { arm: FROM_SCRATCH, freeze: null }];
  const total = o.seeds.length * arms.length;
  for (const seed of o.seeds) {
    for (const { arm, freeze } of arms) {
      o.onRun?.({ arm, seed, index: runs.length, total });
      const dir = join(o.outDir, 'runs', `${arm}-seed${seed}`);
      const curveFile = join(dir, 'curve.json');
      if (existsSync(curveFile)) {
        runs.push(JSON.parse(readFileSync(curveFile, 'utf8')) as StudyRun);
        continue;
      }
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      // Step 0: the parent as it is (zero-shot), or the seeded initial network the from-scratch run starts from.
      let start = zeroShot;
      if (freeze === null) {
        const fresh = createDqnAgent(env.observationSize, env.actionCount, seed, o.config.dqn);
        start = evaluate(0, { q: fresh.online });
        fresh.dispose();
      }
      const points: CurvePoint[] = [start];
      const result = await runTrainSession({
        agent: 'dqn', steps: o.steps, seed, outDir: dir, config: o.config,
        initFrom: freeze === null ? undefined : { modelDir: o.parentDir, freeze },
        onCheckpoint: (step, networks) => void points.push(evaluate(step, networks)),
        onProgress: (p) => o.onProgress?.(p.step, p.total),
      });
      points.push(pointOf(o.steps, result.evaluation!.agent, plant.maxReplicas));
      const run: StudyRun = { arm, seed, points };
      writeFileSync(curveFile, JSON.stringify(run) + '\n');
      runs.push(run);
    }
  }
  const hpa70 = pointOf(0, evaluateOnEpisodes(() => createHpaAutoscaler({}, 'hpa-70'), o.config.evalEpisodes, envConfig.episodes, plant, repoTraceLoader), plant.maxReplicas);
  return { runs, hpa70 };
}
