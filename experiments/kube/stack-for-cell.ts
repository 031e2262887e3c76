// A cell → its scenario stack: a DNS-safe stack name and the `scalelab:` config the scenario program reads. The
// cell's whole autoscaler spec reaches the stack (`autoscalerSpec`): the HPA object for `hpa`, the agent's policy
// for every other type; an RL type's model is named by its committed folder (`agentModel`), which the agent image
// holds. A cell the real path cannot run as the simulator does is refused before any stack is created.
import { createHash } from 'node:crypto';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Cell } from '../cells.ts';
import { RL_AUTOSCALER_TYPES } from '../../agent/registry.ts';
import { UserError } from '../../lib/errors.ts';
import { hpaSpecFromAutoscaler } from '../../stacks/hpa-spec-from-autoscaler.ts';
import { MODELS_DIR } from '../../stacks/stack-files.ts';

/** A cell whose autoscaler cannot run on the real path exactly as the simulator runs it (exit 2, naming why). */
export class RealPathUnsupportedError extends UserError {
  constructor(cell: Cell, reason: string, cause?: unknown) {
    super(`cell ${cell.key}: autoscaler "${cell.autoscaler}" cannot run on the real path: ${reason}`, { cause });
    this.name = 'RealPathUnsupportedError';
  }
}

/** Stack name for a cell (≤ 50 chars so the namespace `scalelab-<stack>` stays a DNS label). */
export function stackNameForCell(cell: Cell): string {
  const raw = `${cell.experiment}-${cell.scenario}-${cell.autoscaler}-s${cell.seed}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  if (raw.length <= 50) return raw;
  const hash = createHash('sha256').update(cell.key).digest('hex').slice(0, 8);
  return `${raw.slice(0, 41).replace(/-$/, '')}-${hash}`;
}

/** What the stack config needs besides the cell. `baseDir` is the experiment file's folder (a spec's `model` path
 * is relative to it, as in the simulator); `modelsDir` the committed models (default `<repo>/models`). */
export interface StackForCellOptions {
  clusterStack: string;
  k6Job: boolean;
  agentImage?: string;
  baseDir?: string;
  modelsDir?: string;
}

/** The committed model name of an RL spec: its `model` folder must be `<modelsDir>/<name>/model` (baked into the image). */
function committedModel(cell: Cell, model: unknown, type: string, o: StackForCellOptions): string {
  if (model === undefined) return type;
  const modelsDir = o.modelsDir ?? MODELS_DIR;
  if (typeof model !== 'string' || model === '') throw new RealPathUnsupportedError(cell, `model ${JSON.stringify(model)} is not a folder path`);
  if (!isAbsolute(model) && o.baseDir === undefined) throw new RealPathUnsupportedError(cell, `model "${model}" is relative, but no experiment folder was given to resolve it`);
  const dir = isAbsolute(model) ? model : resolve(o.baseDir!, model);
  const parts = relative(modelsDir, dir).split(sep);
  if (parts.length !== 2 || parts[1] !== 'model' || parts[0] === '..' || parts[0] === '') {
    throw new RealPathUnsupportedError(cell, `its model ${dir} is not a committed model (${join(modelsDir, '<name>', 'model')}); the agent image holds only those: move it there and rebuild the image`);
  }
  return parts[0];
}

/** The scenario config of a cell: one autoscaler (the HPA object, or the agent running the cell's spec). */
export function stackConfigForCell(cell: Cell, o: StackForCellOptions): Record<string, string> {
  const p = cell.config.plant;
  const { model, ...spec } = cell.config.autoscaler;
  const isHpa = spec.type === 'hpa';
  const config: Record<string, string> = {
    stackKind: 'scenario',
    clusterStack: o.clusterStack,
    autoscaler: isHpa ? 'hpa' : 'rl',
    autoscalerSpec: JSON.stringify(spec),
    workloadSpec: JSON.stringify(cell.config.workload),
    seed: String(cell.seed),
    slaLatencyMs: String(p.slaLatencyMs),
    minReplicas: String(p.minReplicas),
    maxReplicas: String(p.maxReplicas),
    cpuRequestMilli: String(p.cpuRequestMilli),
    cpuLimitMilli: String(p.cpuLimitMilli),
    memoryRequestMiB: String(p.memoryRequestMiB),
    memoryLimitMiB: String(Math.max(p.memoryRequestMiB, 2 * p.memoryRequestMiB)),
    k6Job: String(o.k6Job),
  };
  if (isHpa) {
    if (model !== undefined) throw new RealPathUnsupportedError(cell, 'an hpa spec has no model');
    try {
      hpaSpecFromAutoscaler(cell.config.autoscaler, { minReplicas: p.minReplicas, maxReplicas: p.maxReplicas });
    } catch (err) {
      throw new RealPathUnsupportedError(cell, err instanceof Error ? err.message : String(err), err);
    }
    return config;
  }
  if ((RL_AUTOSCALER_TYPES as readonly string[]).includes(spec.type)) config.agentModel = committedModel(cell, model, spec.type, o);
  else if (model !== undefined) throw new RealPathUnsupportedError(cell, `type "${spec.type}" loads no model`);
  // The cell stacks are created on the fly, so the image the user pushed reaches them here (else Pulumi.yaml's default).
  if (o.agentImage) config.agentImage = o.agentImage;
  return config;
}
