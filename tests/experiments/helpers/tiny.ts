// Shared by the runner tests: the tiny fixture experiment and a fresh temporary output directory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TINY_PATH = fileURLToPath(new URL('../fixtures/tiny.json', import.meta.url));

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `scalelab-${label}-`));
}
