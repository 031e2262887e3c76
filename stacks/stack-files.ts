// Reads the committed Pulumi.<stack>.yaml files (for `stacks render` and the kube backend): which stacks exist,
// their config values, and the model files a scenario mounts. File access lives here, not in the builders.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { projectConfigValues } from './scenario-config.ts';

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

/** Reads model.json/weights.bin (every file) of a model directory as base64; empty dir name → {}. */
export function readModelFiles(root: string, modelDir: string): Record<string, string> {
  if (modelDir === '') return {};
  const dir = join(root, modelDir);
  if (!existsSync(dir)) throw new Error(`config scalelab:modelDir: ${dir} does not exist (train a model first: scalelab train …)`);
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) out[f] = readFileSync(join(dir, f)).toString('base64');
  return out;
}
