// `scalelab calibrate`'s core: fit the plant's parameters from run records of any backend and assemble a full
// plant config. Fitted fields replace the defaults only where the records identify them; settings a run was
// configured with (CPU request/limit, SLA, replica bounds, probe delay, …) come from the records' config.plant;
// everything else keeps the default, and `sources` says which is which.
import type { RunRecord } from '../../lib/ports.ts';
import { defaultPlantConfig, type PlantConfig } from '../config.ts';
import { PlantConfigError, validatePlantConfig } from '../validate-plant-config.ts';
import { fitBaseServiceTime } from './fit-service-time.ts';
import { fitCpuPerRequest, cpuFitPoints } from './fit-cpu.ts';
import { fitStartup } from './fit-startup.ts';
import { defaultFitOptions, unidentified, type FitOptions, type ParamFit } from './fit-types.ts';
import { runViews } from './minutes.ts';
import { fitPodCapacity } from './pod-capacity.ts';

/** Fields a run is configured with (not physics): read from the records' config.plant when they carry it. */
export const SETTING_FIELDS = [
  'tickSeconds', 'cpuRequestMilli', 'cpuLimitMilli', 'memoryRequestMiB', 'readinessDelaySeconds', 'requestTimeoutSeconds',
  'queueCapacityPerPod', 'minReplicas', 'maxReplicas', 'initialReplicas', 'pricePerVcpuHourUsd', 'pricePerGibHourUsd',
  'metricsResolutionSeconds', 'prometheusScrapeSeconds', 'prometheusWindowSeconds', 'slaLatencyMs', 'poissonArrivals', 'nodes',
] as const satisfies readonly (keyof PlantConfig)[];

/** Settings every record must agree on: the fits read utilization and the SLA through them. */
const MUST_AGREE = ['cpuRequestMilli', 'cpuLimitMilli', 'slaLatencyMs'] as const;

/** Where a plant field's value comes from. */
export type PlantFieldSource = 'fitted' | 'records' | 'default';

/** The fits, by parameter (a type, so it is also a Record<string, ParamFit>). */
export type CalibrationFits = {
  cpuPerRequestCoreSeconds: ParamFit;
  baseServiceTimeMs: ParamFit;
  readyLagSeconds: ParamFit;
  startupMedianSeconds: ParamFit;
  metricsLagSeconds: ParamFit;
  podCapacityRps: ParamFit;
};

/** Everything a calibration produced; numbers only (the CLI and the report render them). */
export interface CalibrationResult {
  plant: PlantConfig;
  sources: Record<keyof PlantConfig, PlantFieldSource>;
  fit: CalibrationFits;
  recordsRead: number;
  recordsWithSeries: number;
  /** Values of the fitted parameters that the records' config.plant states, when all records agree (for
   * simulator records, the truth the fit should recover); readyLagSeconds and podCapacityRps derived from it. */
  recorded: Partial<Record<keyof CalibrationFits, number>>;
  /** The minutes the CPU fit used (for the fitted-vs-observed chart). */
  cpuMinutes: { rps: number; cores: number }[];
  notes: string[];
}

/** Thrown when the records cannot be calibrated together (no series at all, plants that disagree). */
export class CalibrationInputError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'CalibrationInputError';
  }
}

const METRICS_LAG_WHY =
  'the records carry one-minute series only: the metrics pipeline lag (seconds, below the metrics-server resolution) cannot be separated from the autoscaler\'s sync period and stabilisation at that resolution';

/** Use on the records of one service (any backend); `options` fix the bootstrap (same records + seed → same result). */
export function calibratePlant(records: readonly RunRecord[], options: Partial<FitOptions> = {}): CalibrationResult {
  const o: FitOptions = { ...defaultFitOptions, ...options };
  const views = runViews(records);
  if (views.length === 0) throw new CalibrationInputError(`none of the ${records.length} records has per-minute series (series.tSeconds, rps, readyPods, …): nothing to fit`);
  for (const key of MUST_AGREE) {
    const other = views.find((v) => v[key] !== views[0][key]);
    if (other) throw new CalibrationInputError(`records disagree on plant.${key} (${views[0][key]} in record ${views[0].run + 1}, ${other[key]} in record ${other.run + 1}): calibrate one service configuration at a time`);
  }
  const notes: string[] = [];
  if (views.length < records.length) notes.push(`${records.length - views.length} record(s) without series were skipped`);
  const recordedPlant = views.find((v) => v.recordedPlant !== null)?.recordedPlant ?? null;
  if (recordedPlant === null) notes.push('no record carries config.plant: settings (CPU request/limit, SLA, replica bounds) are the defaults');

  const plant: PlantConfig = { ...defaultPlantConfig };
  const sources = Object.fromEntries(Object.keys(defaultPlantConfig).map((k) => [k, 'default'])) as Record<keyof PlantConfig, PlantFieldSource>;
  for (const key of SETTING_FIELDS) {
    if (recordedPlant !== null && key in recordedPlant) {
      (plant as unknown as Record<string, unknown>)[key] = recordedPlant[key];
      sources[key] = 'records';
    }
  }

  const cpu = fitCpuPerRequest(views, o);
  const cost = cpu.identifiable ? cpu.estimate : plant.cpuPerRequestCoreSeconds;
  if (!cpu.identifiable) notes.push(`baseServiceTimeMs and podCapacityRps use the default cpuPerRequestCoreSeconds (${cost})`);
  const base = fitBaseServiceTime(views, cost, o);
  const { readyLag, startupMedian } = fitStartup(views, plant, o);
  const capacity = fitPodCapacity(views, cpu, base, plant, cost);
  const fit: CalibrationFits = {
    cpuPerRequestCoreSeconds: cpu, baseServiceTimeMs: base, readyLagSeconds: readyLag, startupMedianSeconds: startupMedian,
    metricsLagSeconds: unidentified(METRICS_LAG_WHY), podCapacityRps: capacity,
  };

  const setFitted = (key: 'cpuPerRequestCoreSeconds' | 'baseServiceTimeMs' | 'startupMedianSeconds', f: ParamFit): void => {
    if (!f.identifiable) return;
    plant[key] = f.estimate;
    sources[key] = 'fitted';
  };
  setFitted('cpuPerRequestCoreSeconds', cpu);
  setFitted('baseServiceTimeMs', base);
  setFitted('startupMedianSeconds', startupMedian);
  const cpuMs = (1000 * plant.cpuPerRequestCoreSeconds) / (plant.cpuLimitMilli / 1000);
  if (plant.baseServiceTimeMs < cpuMs) {
    notes.push(`baseServiceTimeMs raised from ${plant.baseServiceTimeMs.toFixed(3)} to the CPU time at the limit (${cpuMs.toFixed(3)} ms), its lower bound in the plant`);
    plant.baseServiceTimeMs = cpuMs;
  }
  try {
    validatePlantConfig(plant);
  } catch (err) {
    if (err instanceof PlantConfigError) throw new CalibrationInputError(`the calibrated plant is invalid: ${err.message}`);
    throw err;
  }
  return {
    plant, sources, fit, recordsRead: records.length, recordsWithSeries: views.length,
    recorded: recordedTruth(views.map((v) => v.recordedPlant)),
    cpuMinutes: cpuFitPoints(views).map((p) => ({ rps: p.rps, cores: p.cores })), notes,
  };
}

/** The fitted parameters' values in config.plant when every record states the same ones. */
function recordedTruth(plants: readonly (Record<string, unknown> | null)[]): CalibrationResult['recorded'] {
  const first = plants[0];
  const keys = ['cpuPerRequestCoreSeconds', 'baseServiceTimeMs', 'startupMedianSeconds', 'schedulingDelaySeconds', 'readinessDelaySeconds', 'startupSigma', 'metricsLagSeconds', 'cpuLimitMilli', 'slaLatencyMs'];
  if (!first || plants.some((p) => !p || keys.some((k) => p[k] !== first[k] || typeof first[k] !== 'number'))) return {};
  const v = (k: string): number => first[k] as number;
  const mu = v('cpuLimitMilli') / 1000 / v('cpuPerRequestCoreSeconds');
  const fixedMs = v('baseServiceTimeMs') - 1000 / mu;
  return {
    cpuPerRequestCoreSeconds: v('cpuPerRequestCoreSeconds'), baseServiceTimeMs: v('baseServiceTimeMs'), startupMedianSeconds: v('startupMedianSeconds'),
    readyLagSeconds: v('schedulingDelaySeconds') + v('startupMedianSeconds') * Math.exp(v('startupSigma') ** 2 / 2) + v('readinessDelaySeconds'),
    metricsLagSeconds: v('metricsLagSeconds'),
    podCapacityRps: Math.max(0, mu - (1000 * Math.log(20)) / (v('slaLatencyMs') - fixedMs)),
  };
}
