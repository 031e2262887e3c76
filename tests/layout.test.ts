// The README's layout table, checked against the code: every relative import of a source file points into a folder
// its folder may import (type-only imports included). Dependencies point one way; nothing outside cli/ imports cli/.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** Folder → the folders it may import (README "Layout"); a `path/` prefix narrows a rule to part of a folder. */
const MAY_IMPORT: Record<string, string[]> = {
  lib: [],
  workloads: ['lib'],
  sim: ['lib', 'workloads'],
  agent: ['lib'],
  'agent/rl/': ['lib', 'sim', 'workloads'], // training: the environment is the simulator
  k6: ['lib', 'workloads', 'sim/latency-histogram.ts'], // k6 results binned in the simulator's histogram layout
  stacks: ['lib', 'agent', 'workloads', 'k6', 'experiments/load-trace.ts', 'experiments/input-file.ts'],
  experiments: ['lib', 'workloads', 'sim', 'agent', 'k6', 'stacks'],
  'experiments/reproduce/': ['lib', 'workloads', 'sim', 'agent', 'k6', 'stacks', 'experiments', 'reports'],
  reports: ['lib'],
  // The emulated cluster: its own adapters and stand-ins, and the real path it runs (DESIGN.md §4a).
  emulated: ['lib', 'workloads', 'sim', 'agent', 'k6', 'stacks', 'experiments'],
};

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** The rule for a file: the longest matching `folder/` prefix, else its top folder. */
function ruleFor(file: string): string[] {
  const prefix = Object.keys(MAY_IMPORT).filter((k) => k.endsWith('/') && file.startsWith(k)).sort((a, b) => b.length - a.length)[0];
  return [file.split('/')[0], ...MAY_IMPORT[prefix ?? file.split('/')[0]]];
}

test('every folder imports only what the layout table allows (cli/, bin/, bench/ and models/ scripts may import anything)', () => {
  const wrong: string[] = [];
  for (const top of Object.keys(MAY_IMPORT).filter((k) => !k.includes('/'))) {
    for (const abs of sources(join(root, top))) {
      const file = relative(root, abs);
      const text = readFileSync(abs, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      for (const m of text.matchAll(/(?:from|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = relative(root, resolve(dirname(abs), m[1]));
        const allowed = ruleFor(file);
        if (!allowed.some((a) => target === a || target.startsWith(`${a}/`))) wrong.push(`${file} → ${target}`);
      }
    }
  }
  assert.equal(wrong, []);
});
