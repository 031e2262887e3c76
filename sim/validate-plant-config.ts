// Checks a PlantConfig at the boundary (experiment files, CLI flags) so the plant never runs on nonsense.
import type { PlantConfig } from './config.ts';
import { podCapacityRps } from './config.ts';

/** Thrown for an invalid plant configuration; `field` names the offending key (callers map it to a UserError). */
export class PlantConfigError extends RangeError {
  readonly field: string;
  constructor(field: string, value: unknown, expected: string) {
    super(`plant config: ${field} = ${JSON.stringify(value)}, expected ${expected}`);
    this.name = 'PlantConfigError';
    this.field = field;
  }
}

function positive(config: Record<string, unknown>, field: string): void {
  const v = config[field];
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new PlantConfigError(field, v, 'a number > 0');
}

function nonNegative(config: Record<string, unknown>, field: string, prefix = ''): void {
  const v = config[field];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new PlantConfigError(prefix + field, v, 'a number ≥ 0');
}

/** Use before `createPlant` on any config that did not come from `defaultPlantConfig` unchanged. */
export function validatePlantConfig(config: PlantConfig): PlantConfig {
  const c = config as unknown as Record<string, unknown>;
  for (const f of ['tickSeconds', 'cpuRequestMilli', 'cpuLimitMilli', 'cpuPerRequestCoreSeconds', 'baseServiceTimeMs',
    'startupMedianSeconds', 'requestTimeoutSeconds', 'metricsResolutionSeconds', 'prometheusScrapeSeconds',
    'prometheusWindowSeconds', 'slaLatencyMs', 'memoryRequestMiB']) positive(c, f);
  for (const f of ['startupCpuMilli', 'memoryBaseMiB', 'memoryPerInFlightMiB', 'schedulingDelaySeconds', 'startupSigma',
    'readinessDelaySeconds', 'queueCapacityPerPod', 'pricePerVcpuHourUsd', 'pricePerGibHourUsd', 'metricsLagSeconds', 'prometheusLagSeconds']) nonNegative(c, f);
  if (!Number.isInteger(config.minReplicas) || config.minReplicas < 0)
    throw new PlantConfigError('minReplicas', config.minReplicas, 'an integer ≥ 0');
  if (!Number.isInteger(config.maxReplicas) || config.maxReplicas < Math.max(1, config.minReplicas))
    throw new PlantConfigError('maxReplicas', config.maxReplicas, `an integer ≥ max(1, minReplicas = ${config.minReplicas})`);
  const init = config.initialReplicas;
  if (init !== null && (!Number.isInteger(init) || init < 0 || init > config.maxReplicas))
    throw new PlantConfigError('initialReplicas', init, `null or an integer in [0, maxReplicas = ${config.maxReplicas}]`);
  if (config.cpuLimitMilli < config.cpuRequestMilli)
    throw new PlantConfigError('cpuLimitMilli', config.cpuLimitMilli, `≥ cpuRequestMilli (${config.cpuRequestMilli})`);
  const cpuMs = 1000 / podCapacityRps(config);
  if (config.baseServiceTimeMs < cpuMs - 1e-9)
    throw new PlantConfigError('baseServiceTimeMs', config.baseServiceTimeMs, `≥ the CPU time at the limit (${cpuMs} ms)`);
  if (config.metricsLagSeconds >= config.metricsResolutionSeconds)
    throw new PlantConfigError('metricsLagSeconds', config.metricsLagSeconds, `< metricsResolutionSeconds (${config.metricsResolutionSeconds})`);
  if (config.prometheusLagSeconds >= config.prometheusWindowSeconds)
    throw new PlantConfigError('prometheusLagSeconds', config.prometheusLagSeconds, `< prometheusWindowSeconds (${config.prometheusWindowSeconds})`);
  const ratio = config.metricsResolutionSeconds / config.tickSeconds;
  if (Math.abs(ratio - Math.round(ratio)) > 1e-9)
    throw new PlantConfigError('tickSeconds', config.tickSeconds, `a divisor of metricsResolutionSeconds (${config.metricsResolutionSeconds})`);
  const scrape = config.prometheusScrapeSeconds / config.tickSeconds;
  if (Math.abs(scrape - Math.round(scrape)) > 1e-9)
    throw new PlantConfigError('prometheusScrapeSeconds', config.prometheusScrapeSeconds, `a multiple of tickSeconds (${config.tickSeconds})`);
  if (typeof config.poissonArrivals !== 'boolean')
    throw new PlantConfigError('poissonArrivals', config.poissonArrivals, 'true or false');
  if (config.nodes !== null) {
    const n = config.nodes as unknown as Record<string, unknown>;
    for (const f of ['podsPerNode', 'maxNodes']) {
      if (!Number.isInteger(n[f]) || (n[f] as number) < 1) throw new PlantConfigError(`nodes.${f}`, n[f], 'an integer ≥ 1');
    }
    if (!Number.isInteger(n.initialNodes) || (n.initialNodes as number) < 0 || (n.initialNodes as number) > config.nodes.maxNodes)
      throw new PlantConfigError('nodes.initialNodes', n.initialNodes, 'an integer in [0, maxNodes]');
    nonNegative(n, 'provisioningSeconds', 'nodes.');
    const cpu = config.nodes.nodeCpuMilli;
    if (cpu !== undefined && cpu !== null && (typeof cpu !== 'number' || !Number.isFinite(cpu) || cpu < config.nodes.podsPerNode * config.cpuRequestMilli))
      throw new PlantConfigError('nodes.nodeCpuMilli', cpu, `null or a number ≥ podsPerNode × cpuRequestMilli (${config.nodes.podsPerNode * config.cpuRequestMilli}): the requests must fit`);
  }
  return config;
}
