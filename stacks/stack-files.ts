// Reads the committed Pulumi.<stack>.yaml files (for `stacks render` and the kube backend): which stacks exist,
// their config values, and the check that the model an agent stack names is committed (and so baked into the agent
// image). File access lives here, not in the builders.
import { existsSync, readdirSync } from 'node:fs';
import { parseStrictJson } from '../lib/strict-json.ts';
import { join } from 'node:path';
import YAML from 'yaml';
import { MAX_FILE_BYTES, readInputFile } from '../experiments/input-file.ts';
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
  // A regular file of bounded size only: a FIFO would block forever, /dev/zero would read until memory runs out.
  const text = readInputFile(file, 'stack file', MAX_FILE_BYTES.stackFile);
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (err) {
    throw new Error(`${file}: not valid YAML`, { cause: err });
  }
  // A stack file is a mapping with Pulumi's own top-level keys; anything else (random bytes that happen to parse as
  // a YAML scalar, a list, a typo'd key) is refused instead of rendering the defaults.
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isMap(doc)) throw new StackConfigError(`Pulumi.${stack}.yaml`, doc, 'a YAML mapping with a `config:` mapping (Pulumi stack settings)');
  const unknownTop = Object.keys(doc).filter((k) => !STACK_FILE_KEYS.includes(k));
  if (unknownTop.length) throw new StackConfigError(`Pulumi.${stack}.yaml: ${unknownTop[0]}`, doc[unknownTop[0]], `no such key (a stack file has ${STACK_FILE_KEYS.join(', ')})`);
  const config = doc.config ?? {};
  if (!isMap(config)) throw new StackConfigError(`Pulumi.${stack}.yaml: config`, config, 'a mapping of `scalelab:<key>: value`');
  const known = projectConfigKeys(root);
  for (const k of Object.keys(config)) {
    const key = k.startsWith('scalelab:') ? k.slice('scalelab:'.length) : undefined;
    if (key === undefined || (known !== undefined && !known.includes(key))) {
      throw new StackConfigError(`Pulumi.${stack}.yaml: config.${k}`, config[k], `a key of Pulumi.yaml's config (scalelab:${(known ?? []).join(', scalelab:')})`);
    }
  }
  return projectConfigValues(config);
}

/** The top-level keys Pulumi writes into a stack file. */
const STACK_FILE_KEYS = ['config', 'encryptionsalt', 'secretsprovider', 'encryptedkey', 'environment'];

/** The config keys Pulumi.yaml in `root` declares, or undefined when it has none to check against. */
function projectConfigKeys(root: string): string[] | undefined {
  const file = join(root, 'Pulumi.yaml');
  if (!existsSync(file)) return undefined;
  const project = YAML.parse(readInputFile(file, 'project file', MAX_FILE_BYTES.stackFile)) as { config?: Record<string, unknown> } | null;
  return project?.config ? Object.keys(project.config) : undefined;
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
    agent = (parseStrictJson(readInputFile(file, 'provenance file', MAX_FILE_BYTES.smallJson)) as { agent?: unknown }).agent;
  } catch (err) {
    throw new StackConfigError('agentModel', c.agentModel, `a model whose ${file} is valid JSON`, { cause: err });
  }
  if (agent !== c.autoscalerSpec.type) throw new StackConfigError('agentModel', c.agentModel, `a ${c.autoscalerSpec.type} model (models/${c.agentModel} holds a ${String(agent)} model)`);
}
