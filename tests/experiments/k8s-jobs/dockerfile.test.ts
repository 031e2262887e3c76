// The sweep image (experiments/k8s-jobs/Dockerfile) cannot be built here (no Docker engine), so its layout is
// checked against the code: every repository file the CLI can import (followed from bin/scalelab.js through every
// static and dynamic relative import) lies in a folder the Dockerfile copies, and so does every file the code
// version hashes — else the pods would crash, or compute another code version and refuse every cell.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO_ROOT } from '../../../lib/paths.ts';

const dockerfile = readFileSync(join(REPO_ROOT, 'experiments/k8s-jobs/Dockerfile'), 'utf8');
const copied = [...dockerfile.matchAll(/^COPY (\S+) \.\/(\S+)$/gm)].map((m) => m[1]);

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
  return specs.map((s) => resolve(dirname(file), s)).filter((f) => existsSync(f));
}

function reachable(start: string): Set<string> {
  const seen = new Set<string>();
  const todo = [start];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    if (/\.(ts|js|mjs)$/.test(f)) todo.push(...importsOf(f));
  }
  return seen;
}

test('sweep image: every file the CLI can import is in a folder the Dockerfile copies', () => {
  const files = [...reachable(join(REPO_ROOT, 'bin/scalelab.js'))].map((f) => relative(REPO_ROOT, f));
  assert.ok(files.includes('experiments/k8s-jobs/sweep-cells.ts'), 'the pod\'s command is reachable from bin/scalelab.js');
  const missing = files.filter((f) => !copied.some((c) => f === c || f.startsWith(`${c}/`)));
  assert.equal(missing, []);
});

test('sweep image: the folders the code version hashes are copied, so a pod computes the runner\'s version', () => {
  const source = readFileSync(join(REPO_ROOT, 'experiments/code-version.ts'), 'utf8');
  const folders = JSON.parse((/const FOLDERS = (\[[^\]]*\])/.exec(source)?.[1] ?? '[]').replaceAll("'", '"')) as string[];
  assert.ok(folders.length > 0);
  for (const f of folders) assert.ok(copied.includes(f), `${f} is not copied`);
  assert.ok(copied.includes('models') && copied.includes('data'), 'models (RL autoscalers) and data (traces) are in the image');
  assert.match(dockerfile, /^ENTRYPOINT \["node", "bin\/scalelab\.js"\]$/m);
});
