// The autoscaler part of a scenario stack's config: the whole autoscaler spec (JSON, as an experiment file writes
// it) or its short form, and the committed model an RL type loads. Checked against the registry at render time.
import { autoscalerTypes, parseAutoscalerSpec, RL_AUTOSCALER_TYPES, type AutoscalerSpec } from '../agent/registry.ts';
import { StackConfigError } from './stack-config-error.ts';
import { JsonInputError, parseStrictJson } from '../lib/strict-json.ts';

/** The scenario's autoscaler: the JSON spec when given, else the short form (agentPolicy, or the HPA's target). */
export function readAutoscalerSpec(autoscaler: 'hpa' | 'rl', json: string, agentPolicy: string, targetPercent: number): AutoscalerSpec {
  let raw: unknown;
  if (json === '') {
    raw = autoscaler === 'hpa' ? { name: `hpa-${targetPercent}`, type: 'hpa', targetCpuUtilization: targetPercent } : { name: agentPolicy, type: agentPolicy };
  } else {
    try {
      raw = parseStrictJson(json);
    } catch (err) {
      const why = err instanceof JsonInputError && !err.syntax ? ` (${err.message})` : '';
      throw new StackConfigError('autoscalerSpec', json, `a JSON autoscaler spec such as {"name":"kpa","type":"kpa","targetConcurrencyPerPod":0.5}${why}`);
    }
  }
  const key = json === '' && autoscaler === 'rl' ? 'agentPolicy' : 'autoscalerSpec';
  let spec: AutoscalerSpec;
  try {
    spec = parseAutoscalerSpec(raw);
  } catch (err) {
    const { field, value, expected } = err as { field?: unknown; value?: unknown; expected?: unknown };
    if (key === 'agentPolicy') throw new StackConfigError(key, agentPolicy, `a registered autoscaler type (${autoscalerTypes().join(', ')})`);
    if (field === 'type') throw new StackConfigError('autoscalerSpec.type', (raw as { type?: unknown })?.type, `a registered autoscaler type (${autoscalerTypes().join(', ')})`);
    if (typeof field === 'string' && typeof expected === 'string') throw new StackConfigError(`autoscalerSpec.${field}`, value, expected);
    throw new StackConfigError('autoscalerSpec', json, err instanceof Error ? err.message : String(err));
  }
  if (autoscaler === 'hpa' && spec.type !== 'hpa') throw new StackConfigError('autoscalerSpec', json, 'a spec of type "hpa" when scalelab:autoscaler is hpa (set autoscaler: rl to run another type as the agent)');
  if ('model' in spec) throw new StackConfigError('autoscalerSpec.model', spec.model, 'no model path: name a committed model with scalelab:agentModel (models are baked into the agent image)');
  return spec;
}

/** The committed model an RL spec loads ('' for a type without a model); the name must be a models/ folder name. */
export function readAgentModel(spec: AutoscalerSpec, name: string): string {
  const isRl = (RL_AUTOSCALER_TYPES as readonly string[]).includes(spec.type);
  if (!isRl) {
    if (name !== '') throw new StackConfigError('agentModel', name, `no model: type "${spec.type}" does not load one`);
    return '';
  }
  const model = name === '' ? spec.type : name;
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(model)) throw new StackConfigError('agentModel', name, 'the name of a folder under models/ (e.g. dqn-weak-sla)');
  return model;
}
