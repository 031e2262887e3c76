// Transfer learning (`scalelab train AGENT --init-from MODEL_DIR [--freeze N]`, DESIGN.md §10): a training starts
// from a trained model's networks instead of a seeded initialisation. The parent must be a model of the same
// agent type, trained with the same observation contract (the encoder's config, hence the same features), the
// same action set and the same network shapes as the new config; its files pass the usual checks (SHA-256 of
// every weights.bin against its provenance, finite weights). `--freeze N` keeps the first N dense layers of every
// network of the model as the parent left them: DQN's Q network (and its target network, which only receives
// copies), PPO's policy and value networks (actor and critic trunk), all three networks of a hybrid. The output
// layer always trains, so N ≤ the hidden layers. Replay buffer, optimiser moments and ε start fresh.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { REPO_ROOT } from '../../lib/paths.ts';
import type { RlAgentName } from './agent-names.ts';
import { AGENTS } from './agents.ts';
import type { EnvConfig } from './env.ts';
import { freezeFirstLayers, layerWidths } from './mlp.ts';
import { loadAgentFiles, ModelFilesError, readProvenance, sha256Hex, type Provenance } from './model-files.ts';
import type { TrainConfig } from './train-config.ts';

/** What `--init-from` / `--freeze` ask for. */
export interface InitFrom {
  /** The parent: a model folder (`…/model`) or the agent folder holding it (`models/dqn`). */
  modelDir: string;
  /** Dense layers frozen in every network, counted from the input; 0 = fine-tune every layer. */
  freeze: number;
}

/** The parent as the child's provenance records it. */
export interface ParentRecord {
  /** The parent's model folder (relative to the repository when inside it). */
  modelDir: string;
  agent: string;
  seed: number;
  steps: number;
  codeVersion: string;
  /** SHA-256 of the parent's provenance.json (which holds its config and the hashes of its weights). */
  provenanceSha256: string;
  /** The parent's weights hashes, as its provenance records them (verified when loaded). */
  weightsSha256: Record<string, string>;
  /** Dense layers frozen in every network (0 = all fine-tuned). */
  freezeLayers: number;
}

/** The model folder of `dir`: itself when it holds provenance.json, else `dir/model` when that does. */
export function resolveModelDir(dir: string): string {
  if (!existsSync(join(dir, 'provenance.json')) && existsSync(join(dir, 'model', 'provenance.json'))) return join(dir, 'model');
  return dir;
}

/** Fields of two plain objects whose values differ (one level deep, as `a.b = x vs y` phrases). */
function differences(name: string, a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => `${name}.${k} = ${JSON.stringify(a[k])} in the parent, ${JSON.stringify(b[k])} here`);
}

/** Refuses a --freeze the config's networks cannot take (before anything is loaded or trained). */
export function checkFreeze(agent: RlAgentName, config: TrainConfig, freeze: number): void {
  for (const [network, hidden] of Object.entries(AGENTS[agent].hiddenUnits(config))) {
    if (!Number.isInteger(freeze) || freeze < 0 || freeze > hidden.length) {
      throw new ModelFilesError(`--freeze ${freeze}: the ${agent} network ${network} has ${hidden.length} hidden layers (${JSON.stringify(hidden)}); expected 0 to ${hidden.length} (the output layer always trains)`);
    }
  }
}

/** The parent's record without loading weights (also used to check that a resumed checkpoint has the same parent). */
export function parentRecord(init: InitFrom, agent: RlAgentName, envConfig: EnvConfig, actionNames: readonly string[], observationSize: number): { dir: string; provenance: Provenance; record: ParentRecord } {
  const dir = resolveModelDir(init.modelDir);
  const entry = AGENTS[agent];
  const provenance = readProvenance(dir, []);
  if (provenance.agent !== agent) throw new ModelFilesError(`--init-from ${dir}: the parent is a ${provenance.agent} model; a ${agent} can only start from a ${agent} model`);
  readProvenance(dir, entry.networks);
  const saved = (provenance.config as { env?: { observation?: Record<string, unknown> } }).env?.observation;
  if (typeof saved !== 'object' || saved === null) throw new ModelFilesError(`--init-from ${dir}: provenance.json has no config.env.observation (the observation contract the parent was trained with)`);
  const diff = differences('observation', saved, { ...envConfig.observation });
  if (diff.length > 0 || provenance.observationSize !== observationSize) {
    const reasons = diff.length > 0 ? diff : [`observationSize = ${provenance.observationSize} in the parent, ${observationSize} here`];
    throw new ModelFilesError(`--init-from ${dir}: another observation contract (${reasons.join('; ')}); a parent must see the same features`);
  }
  if (JSON.stringify(provenance.actionNames) !== JSON.stringify(actionNames)) {
    throw new ModelFilesError(`--init-from ${dir}: the parent acts with ${JSON.stringify(provenance.actionNames)}, this config with ${JSON.stringify(actionNames)} (config.env.actionSet)`);
  }
  const bytes = readFileSync(join(dir, 'provenance.json'));
  const inRepo = relative(REPO_ROOT, resolve(dir));
  const record: ParentRecord = {
    modelDir: inRepo.startsWith('..') ? resolve(dir) : inRepo, agent: provenance.agent, seed: provenance.seed, steps: provenance.steps,
    codeVersion: provenance.codeVersion, provenanceSha256: sha256Hex(bytes), weightsSha256: provenance.weightsSha256 ?? {}, freezeLayers: init.freeze,
  };
  return { dir, provenance, record };
}

/** Use before a transfer training: the parent's networks (verified files, same shapes as `config` builds). */
export async function loadParent(init: InitFrom, agent: RlAgentName, config: TrainConfig, envConfig: EnvConfig, actionNames: readonly string[], observationSize: number): Promise<{ networks: Record<string, LayersModel>; record: ParentRecord }> {
  checkFreeze(agent, config, init.freeze);
  const { dir, record } = parentRecord(init, agent, envConfig, actionNames, observationSize);
  const { networks } = await loadAgentFiles(dir, AGENTS[agent].networks, observationSize);
  for (const [name, hidden] of Object.entries(AGENTS[agent].hiddenUnits(config))) {
    const widths = layerWidths(networks[name]);
    if (JSON.stringify(widths.slice(1, -1)) !== JSON.stringify(hidden)) {
      throw new ModelFilesError(`--init-from ${dir}: network ${name} has hidden layers ${JSON.stringify(widths.slice(1, -1))}, this config builds ${JSON.stringify(hidden)} (another network shape)`);
    }
  }
  freezeNetworks(networks, init.freeze);
  return { networks, record };
}

/** Freezes the first `freeze` dense layers of every network (0 unfreezes all: a loaded file may say otherwise). */
export function freezeNetworks(networks: Record<string, LayersModel>, freeze: number): void {
  for (const net of Object.values(networks)) freezeFirstLayers(net, freeze);
}
