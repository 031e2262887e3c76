// The agent image (agent/controller/Dockerfile) must contain every source file its entrypoint imports, and
// `npm ci --omit=dev` must still install what runs it; otherwise the container dies at start in the cluster.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
const dockerfile = readFileSync(resolve(root, 'agent/controller/Dockerfile'), 'utf8');

/** Relative `.ts` files reachable from `entry` by static imports/re-exports and literal dynamic imports. */
function importClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => m[1]);
    for (const s of specs) visit(resolve(dirname(file), s));
  };
  visit(resolve(root, entry));
  return new Set([...seen].map((f) => relative(root, f)));
}

test('the image copies every top-level folder the entrypoint imports from', () => {
  const files = importClosure('agent/controller/main.ts');
  assert.ok(files.has('agent/registry.ts'), 'the closure follows imports');
  const needed = [...new Set([...files].map((f) => f.split('/')[0]))].sort();
  const copied = [...dockerfile.matchAll(/^COPY\s+(\S+)\s+\.\/\1\s*$/gm)].map((m) => m[1]);
  for (const dir of needed) assert.ok(copied.includes(dir), `Dockerfile copies ${dir}/ (imported by the agent); copies: ${copied.join(', ')}`);
});

test('the entrypoint runs with tsx, which `npm ci --omit=dev` still installs', () => {
  assert.match(dockerfile, /npm ci --omit=dev/);
  assert.match(dockerfile, /ENTRYPOINT \["node", "--import", "tsx", "agent\/controller\/main\.ts"\]/);
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  assert.ok(pkg.dependencies.tsx, 'tsx is a runtime dependency');
});
