// `npm run build:agent`: bundles the agent's entrypoint (agent/controller/main.ts and everything it imports,
// TensorFlow.js and prom-client included) into one ES module, `.build/agent/main.mjs`, and copies every committed
// model (`models/<name>/model/`, nothing else of models/) to `.build/agent/models/`, so the image runs plain `node`
// with no tsx, no TypeScript and no node_modules besides the wasm binaries tfjs loads at run time.
// agent/controller/Dockerfile runs this in its build stage and copies the results into the runtime stage.
import { build } from 'esbuild';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Repository root and the bundle's output folder (git-ignored). */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const BUNDLE_DIR = join(REPO_ROOT, '.build', 'agent');
export const BUNDLE_FILE = join(BUNDLE_DIR, 'main.mjs');
export const BUNDLE_MODELS_DIR = join(BUNDLE_DIR, 'models');

/** Copies `models/<name>/model/` of every committed model (a folder with provenance.json) to `out`; returns the names. */
export function copyCommittedModels(modelsDir = join(REPO_ROOT, 'models'), out = BUNDLE_MODELS_DIR): string[] {
  rmSync(out, { recursive: true, force: true });
  const names = readdirSync(modelsDir).filter((d) => existsSync(join(modelsDir, d, 'model', 'provenance.json'))).sort();
  for (const name of names) cpSync(join(modelsDir, name, 'model'), join(out, name, 'model'), { recursive: true });
  return names;
}

/** Builds the bundle and the models folder; resolves with the bundle's path. */
export async function buildAgentBundle(outfile = BUNDLE_FILE): Promise<string> {
  copyCommittedModels();
  await build({
    entryPoints: [join(REPO_ROOT, 'agent', 'controller', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // CommonJS dependencies (tfjs, prom-client) call require() for Node built-ins and the wasm backend's emscripten
    // glue reads __dirname; an ES module has neither, so the banner defines them for the bundle's own file.
    banner: {
      js: [
        "import { createRequire as __scalelabCreateRequire } from 'node:module';",
        "import { fileURLToPath as __scalelabFileURLToPath } from 'node:url';",
        'const require = __scalelabCreateRequire(import.meta.url);',
        'const __filename = __scalelabFileURLToPath(import.meta.url);',
        "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
      ].join(' '),
    },
    // tfjs-node is optional (agent/rl/tf.ts imports it by a variable name only if installed); never bundle it.
    external: ['@tensorflow/tfjs-node'],
    // tfjs-backend-cpu's package.json marks its Node entry as side-effect free, which would drop the import that
    // registers the cpu backend (the fallback when wasm fails); keep every import.
    ignoreAnnotations: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  buildAgentBundle().then(
    (file) => process.stdout.write(`agent bundle written to ${file}\n`),
    (err: unknown) => {
      process.stderr.write(`build:agent failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
