// Shared by the runner tests: the tiny fixture experiment and a fresh temporary output directory (removed when
// the test process exits, so repeated runs do not fill the temp folder).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TINY_PATH = fileURLToPath(new URL('../fixtures/tiny.json', import.meta.url));

const created: string[] = [];
process.on('exit', () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `scalelab-${label}-`));
  created.push(dir);
  return dir;
}
