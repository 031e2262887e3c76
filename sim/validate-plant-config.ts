// Checks a PlantConfig at the boundary (experiment files, CLI flags) so the plant never runs on nonsense: the
// schema (plant-config-schema.ts: types, bounds, no unknown keys), then the rules that relate two fields.
import type { PlantConfig } from './config.ts';
import { podCapacityRps } from './config.ts';
import { plantConfigSchema } from './plant-config-schema.ts';
import { checkSchema } from '../lib/schema.ts';
import { showValue } from '../lib/show-value.ts';

/** Thrown for an invalid plant configuration; `field` names the offending key (callers map it to a UserError). */
export class PlantConfigError extends RangeError {
  readonly field: string;
  readonly value: unknown;
  readonly expected: string;
  constructor(field: string, value: unknown, expected: string) {
    super(`plant config: ${field} = ${showValue(value)}, expected ${expected}`);
    this.name = 'PlantConfigError';
    this.field = field;
    this.value = value;
    this.expected = expected;
  }
}

/** Use before `createPlant` on any config that did not come from `defaultPlantConfig` unchanged. */
export function validatePlantConfig(config: PlantConfig): PlantConfig {
  const checked = checkSchema(plantConfigSchema, config);
  if (!checked.ok) throw new PlantConfigError(checked.problem.field, checked.problem.value, checked.problem.expected);
  if (config.maxReplicas < Math.max(1, config.minReplicas))
    throw new PlantConfigError('maxReplicas', config.maxReplicas, `an integer ≥ max(1, minReplicas = ${config.minReplicas})`);
  const init = config.initialReplicas;
  if (init !== null && init > config.maxReplicas)
    throw new PlantConfigError('initialReplicas', init, `null or an integer in [0, maxReplicas = ${config.maxReplicas}]`);
  if (config.cpuLimitMilli < config.cpuRequestMilli)
    throw new PlantConfigError('cpuLimitMilli', config.cpuLimitMilli, `≥ cpuRequestMilli (${config.cpuRequestMilli})`);
  const cpuMs = 1000 / podCapacityRps(config);
  if (config.baseServiceTimeMs < cpuMs - 1e-9)
    throw new PlantConfigError('baseServiceTimeMs', config.baseServiceTimeMs, `≥ the CPU time at the limit (${cpuMs} ms)`);
  if (config.metricsLagSeconds >= config.metricsResolutionSeconds)
    throw new PlantConfigError('metricsLagSeconds', config.metricsLagSeconds, `< metricsResolutionSeconds (${config.metricsResolutionSeconds})`);
  const ratio = config.metricsResolutionSeconds / config.tickSeconds;
  if (Math.abs(ratio - Math.round(ratio)) > 1e-9)
    throw new PlantConfigError('tickSeconds', config.tickSeconds, `a divisor of metricsResolutionSeconds (${config.metricsResolutionSeconds})`);
  const scrape = config.prometheusScrapeSeconds / config.tickSeconds;
  if (Math.abs(scrape - Math.round(scrape)) > 1e-9)
    throw new PlantConfigError('prometheusScrapeSeconds', config.prometheusScrapeSeconds, `a multiple of tickSeconds (${config.tickSeconds})`);
  if (config.nodes !== null && config.nodes.initialNodes > config.nodes.maxNodes)
    throw new PlantConfigError('nodes.initialNodes', config.nodes.initialNodes, `an integer in [0, maxNodes = ${config.nodes.maxNodes}]`);
  return config;
}
