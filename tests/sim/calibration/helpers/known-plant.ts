// Records made by the simulator on a plant with known non-default parameters, through the experiment runner's
// own path (loadExperiment → expandCells → runSimCell), for the calibration tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandCells, loadExperiment, runSimCell } from '../../../../experiments/index.ts';
import type { RunRecord } from '../../../../lib/ports.ts';

/** The plant's true values (defaults: CPU 0.005 core-s, base 25 ms, start-up median 8 s). */
export const TRUTH = { cpuPerRequestCoreSeconds: 0.008, baseServiceTimeMs: 40, startupMedianSeconds: 45 } as const;

/** Runs `workload` with the HPA at 70 % on the TRUTH plant for each seed; returns the records in cell order. */
export async function knownPlantRecords(workload: unknown, seeds: number[], plant: Record<string, unknown> = {}): Promise<RunRecord[]> {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-known-plant-'));
  try {
    const file = join(dir, 'experiment.json');
    writeFileSync(file, JSON.stringify({
      name: 'known-plant', seeds, plant: { ...TRUTH, maxReplicas: 30, ...plant },
      scenarios: [{ name: 'load', workload }], autoscalers: [{ name: 'hpa-70', type: 'hpa', targetCpuUtilization: 70 }],
    }));
    const loaded = await loadExperiment(file);
    const records: RunRecord[] = [];
    for (const cell of expandCells(loaded.def)) records.push(await runSimCell(cell, { baseDir: loaded.baseDir }));
    return records;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Idle 30 req/s with 15-minute bursts of 400 req/s every 30 minutes, ±10 % noise per minute: two hours. */
export const BURSTS = {
  type: 'noise', relativeSd: 0.1, stepSeconds: 60,
  of: { type: 'idle-bursty', idleRps: 30, burstRps: 400, cycleSeconds: 1800, burstSeconds: 900, firstBurstAtSeconds: 600, durationSeconds: 7200 },
};

/** A steady 10 req/s (one pod at 32 % of its request): the HPA never scales. */
export const STEADY_LOW = { type: 'noise', relativeSd: 0.1, stepSeconds: 60, of: { type: 'steady', rps: 10, durationSeconds: 1800 } };
