// Saving and loading agents as files (an adapter: the only RL file that touches the file system). Each network is
// a folder with `model.json` + `weights.bin` (the tfjs-node layout); the agent folder adds `provenance.json`.
// Saves are atomic: everything is written to a temporary sibling folder which is then renamed into place, so a
// killed training never leaves a half-written model where the last good one was.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf, tfl } from './tf.ts';

/** What a model folder says about how it was made (config, seed, steps, code version, evaluation). */
export interface Provenance {
  schema: 'scalelab.rl-model/v1';
  agent: string;
  /** Observation features the networks expect. */
  observationSize: number;
  /** Discrete actions of the scaling policy (names, e.g. ["-1", "hold", "+1"]). */
  actionNames: string[];
  seed: number;
  steps: number;
  config: Record<string, unknown>;
  /** `git describe --always --dirty` at training time, or "unknown". */
  codeVersion: string;
  /** Backend the networks were trained on. */
  backend: string;
  evaluation?: Record<string, unknown>;
  /** Free-form state (e.g. the constrained hybrid's λ). */
  extra?: Record<string, unknown>;
  /** SHA-256 (hex) of each network's weights.bin, verified at load. */
  weightsSha256?: Record<string, string>;
  /** Steps a training was resumed from after an interruption, in order (empty: trained in one go). */
  resumedFromSteps?: number[];
  /** Transfer learning: the model this one was fine-tuned from (transfer.ts's ParentRecord). */
  parent?: Record<string, unknown>;
}

/** SHA-256 of bytes, hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The index of the first non-finite float32 in weight bytes, or −1. */
export function firstNonFinite(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i + 4 <= bytes.byteLength; i += 4) if (!Number.isFinite(view.getFloat32(i, true))) return i / 4;
  return -1;
}

/** Serialises one layers model into `model.json` text and the `weights.bin` bytes. */
async function serialise(model: LayersModel): Promise<{ json: string; weights: Uint8Array }> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts?.weightData || !artifacts.weightSpecs) throw new Error('model.save produced no weights');
  const data = artifacts.weightData;
  const buffer = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
  const json = JSON.stringify({
    modelTopology: artifacts.modelTopology,
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tfl.version_layers}`,
    convertedBy: null,
    weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
  });
  return { json, weights: new Uint8Array(buffer) };
}

/**
 * Use to save an agent: networks by name (each in `dir/<name>/`), provenance (with each weights file's SHA-256) and
 * any `extraFiles`, atomically replacing `dir`. Non-finite weights are refused (a diverged training never becomes
 * a model).
 */
export async function saveAgentFiles(dir: string, networks: Record<string, LayersModel>, provenance: Provenance, extraFiles: Record<string, string | Uint8Array> = {}): Promise<void> {
  const serialised: Record<string, { json: string; weights: Uint8Array }> = {};
  const hashes: Record<string, string> = {};
  for (const [name, model] of Object.entries(networks)) {
    const s = await serialise(model);
    const bad = firstNonFinite(s.weights);
    if (bad >= 0) throw new ModelFilesError(`refusing to save ${dir}: network ${name} has a non-finite weight (float #${bad}); the training diverged`);
    serialised[name] = s;
    hashes[name] = sha256Hex(s.weights);
  }
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  for (const [name, { json, weights }] of Object.entries(serialised)) {
    mkdirSync(join(tmp, name));
    writeFileSync(join(tmp, name, 'weights.bin'), weights);
    writeFileSync(join(tmp, name, 'model.json'), json);
  }
  for (const [file, body] of Object.entries(extraFiles)) writeFileSync(join(tmp, file), body);
  writeFileSync(join(tmp, 'provenance.json'), JSON.stringify({ ...provenance, weightsSha256: hashes }, null, 2) + '\n');
  const old = join(parent, `.${basename(dir)}.old-${process.pid}`);
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
}

/** Raised when a model folder is missing files or does not fit the environment; the CLI maps it to exit 2. */
export class ModelFilesError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelFilesError';
  }
}

/** Checks a model folder without loading weights: files present, provenance readable, observation size. */
export function readProvenance(dir: string, networkNames: readonly string[], expectedObservationSize?: number): Provenance {
  const provenancePath = join(dir, 'provenance.json');
  if (!existsSync(dir)) throw new ModelFilesError(`model directory ${dir} does not exist`);
  for (const f of ['provenance.json', ...networkNames.flatMap((n) => [join(n, 'model.json'), join(n, 'weights.bin')])]) {
    if (!existsSync(join(dir, f))) throw new ModelFilesError(`model directory ${dir} is missing ${f} (expected ${networkNames.map((n) => `${n}/model.json + ${n}/weights.bin`).join(', ')} and provenance.json)`);
  }
  let provenance: Provenance;
  try {
    provenance = JSON.parse(readFileSync(provenancePath, 'utf8')) as Provenance;
  } catch (cause) {
    throw new ModelFilesError(`${provenancePath} is not valid JSON`, { cause });
  }
  if (provenance.schema !== 'scalelab.rl-model/v1') throw new ModelFilesError(`${provenancePath}: schema = ${JSON.stringify(provenance.schema)}, expected "scalelab.rl-model/v1"`);
  if (expectedObservationSize !== undefined && provenance.observationSize !== expectedObservationSize) {
    throw new ModelFilesError(`model ${dir} was trained with observation size ${provenance.observationSize}, but this environment produces ${expectedObservationSize} features (different observation config)`);
  }
  return provenance;
}

/** Use to load an agent saved by saveAgentFiles; checks files and observation size first (clear errors). */
export async function loadAgentFiles(
  dir: string,
  networkNames: readonly string[],
  expectedObservationSize?: number,
): Promise<{ provenance: Provenance; networks: Record<string, LayersModel> }> {
  const provenance = readProvenance(dir, networkNames, expectedObservationSize);
  const networks: Record<string, LayersModel> = {};
  for (const name of networkNames) {
    const folder = join(dir, name);
    let manifest: { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    try {
      manifest = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
    } catch (cause) {
      throw new ModelFilesError(`${join(folder, 'model.json')} is not valid JSON`, { cause });
    }
    if (typeof manifest !== 'object' || manifest === null || typeof manifest.modelTopology !== 'object' || !Array.isArray(manifest.weightsManifest)) {
      throw new ModelFilesError(`${join(folder, 'model.json')} has no modelTopology/weightsManifest (expected the tfjs layers-model format)`);
    }
    const bytes = readFileSync(join(folder, 'weights.bin'));
    const expected = provenance.weightsSha256?.[name];
    if (expected === undefined) throw new ModelFilesError(`${join(dir, 'provenance.json')} has no weightsSha256.${name}; retrain the model with this version (models must carry the hash of their weights)`);
    const actual = sha256Hex(bytes);
    if (actual !== expected) throw new ModelFilesError(`${join(folder, 'weights.bin')} has SHA-256 ${actual}, but provenance.json records ${expected}: the file was changed or corrupted`);
    const bad = firstNonFinite(bytes);
    if (bad >= 0) throw new ModelFilesError(`${join(folder, 'weights.bin')} holds a non-finite weight (float #${bad})`);
    const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const weightSpecs = manifest.weightsManifest.flatMap((g) => g?.weights ?? []);
    try {
      networks[name] = await tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: manifest.modelTopology, weightSpecs, weightData }));
    } catch (cause) {
      throw new ModelFilesError(`could not load the network in ${folder}`, { cause });
    }
    const inputSize = networks[name].inputs[0].shape[1];
    if (inputSize !== provenance.observationSize) {
      throw new ModelFilesError(`${folder}: network input size ${inputSize} does not match provenance observationSize ${provenance.observationSize}`);
    }
  }
  return { provenance, networks };
}

/**
 * The code version for provenance: the commit (`git rev-parse --short HEAD`), with `-dirty` when a tracked file
 * other than a model output (models/<name>/model/, train-log.jsonl, checkpoint/) differs from it — training one
 * model while another lane writes its own outputs is still training from a clean tree. "unknown" outside git.
 */
export function codeVersion(): string {
  const git = (args: string[]) => execFileSync('git', args, { cwd: join(import.meta.dirname, '..', '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const head = git(['rev-parse', '--short', 'HEAD']);
    const changed = git(['status', '--porcelain', '--untracked-files=no', '--', '.', ':(exclude,glob)models/*/model/**', ':(exclude,glob)models/*/train-log.jsonl', ':(exclude,glob)models/*/checkpoint/**']);
    return changed === '' ? head : `${head}-dirty`;
  } catch {
    return 'unknown';
  }
}
