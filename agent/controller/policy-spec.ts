// The autoscaler specs the agent builds through the registry: the policy of SCALELAB_POLICY (with its committed
// model resolved inside the image) and the HPA-semantics fallback. Pure: paths come in, nothing is read.
import { join } from 'node:path';
import type { AutoscalerSpec } from '../registry.ts';
import type { ControllerEnv } from './controller-env.ts';

/** The HPA the loop falls back to after repeated policy failures: upstream semantics at 70 % CPU. */
export const FALLBACK_SPEC: AutoscalerSpec = { name: 'hpa-fallback', type: 'hpa', targetCpuUtilization: 70 };

/** Use in the entrypoint: the policy spec, its `model` set to `<modelsDir>/<SCALELAB_MODEL>/model` when one is named. */
export function policySpec(env: Pick<ControllerEnv, 'policy' | 'model'>, modelsDir: string): AutoscalerSpec {
  return env.model === undefined ? { ...env.policy } : { ...env.policy, model: join(modelsDir, env.model, 'model') };
}
