// Reads the committed Pulumi.<stack>.yaml files (for `stacks render` and the kube backend): which stacks exist,
// their config values, and the check that the model an agent stack names is committed (and so baked into the agent
// image). File access lives here, not in the builders.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { projectConfigValues, StackConfigError, type ScenarioConfig } from './scenario-config.ts';

/** The committed models (baked into the agent image by agent/controller/Dockerfile): `<repo>/models`. */
export const MODELS_DIR = join(import.meta.dirname, '..', 'models');

/** Names of the committed stacks (`Pulumi.<name>.yaml` in `root`), sorted. */
export function listStacks(root: string): string[] {
  return readdirSync(root)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/** The `scalelab:` config values of one stack (prefix stripped); throws naming the file when absent or broken. */
export function readStackConfig(root: string, stack: string): Record<string, unknown> {
  const file = join(root, `Pulumi.${stack}.yaml`);
  if (!existsSync(file)) throw new Error(`no stack "${stack}": ${file} does not exist (stacks: ${listStacks(root).join(', ') || 'none'})`);
  let doc: unknown;
  try {
    doc = YAML.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not valid YAML`, { cause: err });
  }
  const config = (doc as { config?: Record<string, unknown> } | null)?.config;
  return projectConfigValues(config);
}

/** Use before building an agent stack: its committed model exists and is a model of the spec's type (the agent
 * would otherwise crash-loop in the cluster). No-op for specs without a model. */
export function checkAgentModel(c: ScenarioConfig, modelsDir = MODELS_DIR): void {
  if (c.autoscaler !== 'rl' || c.agentModel === '') return;
  const file = join(modelsDir, c.agentModel, 'model', 'provenance.json');
  const names = () => (existsSync(modelsDir) ? readdirSync(modelsDir).filter((d) => existsSync(join(modelsDir, d, 'model', 'provenance.json'))).sort().join(', ') : 'none');
  if (!existsSync(file)) throw new StackConfigError('agentModel', c.agentModel, `a committed model under models/ (${names()}); train one with \`scalelab train … --out models/<name>\` and rebuild the agent image`);
  let agent: unknown;
  try {
    agent = (JSON.parse(readFileSync(file, 'utf8')) as { agent?: unknown }).agent;
  } catch (err) {
    throw new StackConfigError('agentModel', c.agentModel, `a model whose ${file} is valid JSON`, { cause: err });
  }
  if (agent !== c.autoscalerSpec.type) throw new StackConfigError('agentModel', c.agentModel, `a ${c.autoscalerSpec.type} model (models/${c.agentModel} holds a ${String(agent)} model)`);
}
