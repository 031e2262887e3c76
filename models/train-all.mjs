#!/usr/bin/env node
// Reproduces every committed model: `node models/train-all.mjs` (a zx script; ≈ 3 min per model on 2 cores), from
// any folder. Each run is also resumable on its own after a kill: `node bin/scalelab.js train AGENT --steps N
// --seed 1 --config models/configs/NAME.json --out models/NAME` (from the repository root).
// STEPS=N overrides every model's step count (`scalelab reproduce --quick --retrain` sets STEPS=2000).
// The first failing training stops the script with its exit code.
import { join } from 'node:path';
import { $, ProcessOutput } from 'zx';

const REPO_ROOT = join(import.meta.dirname, '..');

/** [agent, model folder (also its config's name), steps of the committed model]. */
const MODELS = [
  ['dqn', 'dqn', 30000],
  ['ppo', 'ppo', 120000],
  ['hybrid', 'hybrid', 30000],
  ['hybrid-constrained', 'hybrid-constrained', 30000],
  ['dqn', 'dqn-weak-sla', 30000],
  ['dqn', 'dqn-balanced', 30000],
];

const sh = $({ cwd: REPO_ROOT, stdio: 'inherit' });
try {
  for (const [agent, name, steps] of MODELS) {
    const n = process.env.STEPS || String(steps);
    await sh`node bin/scalelab.js train ${agent} --steps ${n} --seed 1 --config ${`models/configs/${name}.json`} --out ${`models/${name}`}`;
  }
} catch (err) {
  if (!(err instanceof ProcessOutput)) throw err;
  process.exitCode = err.exitCode ?? 1;
}
