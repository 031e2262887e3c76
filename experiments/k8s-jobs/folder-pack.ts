// An output folder (a trained model, a tuning run) as JSON and back, so a pod can hand it over in result
// ConfigMaps. Regular files only, relative POSIX paths; unpacking refuses any path that would leave the target.
import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** One file of a packed folder. */
export interface PackedFile {
  path: string;
  base64: string;
}

/** Use in the pod: every regular file under `dir` (sorted, so the same folder packs the same), at most `maxBytes` in all. */
export function packFolder(dir: string, maxBytes = 64 * 1024 * 1024): PackedFile[] {
  const files: PackedFile[] = [];
  let total = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const st = lstatSync(full);
      if (st.isDirectory()) walk(full);
      else if (st.isFile()) {
        total += st.size;
        if (total > maxBytes) throw new Error(`${dir} holds more than ${maxBytes} bytes: too large to hand back through ConfigMaps`);
        files.push({ path: relative(dir, full).split(sep).join('/'), base64: readFileSync(full).toString('base64') });
      }
    }
  };
  walk(dir);
  return files;
}

/** Use on the runner's side: writes the files under `dir`; throws on a path outside it. */
export function unpackFolder(files: readonly PackedFile[], dir: string): string[] {
  const root = resolve(dir);
  const written: string[] = [];
  for (const f of files) {
    const target = resolve(root, f.path);
    if (isAbsolute(f.path) || f.path.split('/').includes('..') || !target.startsWith(root + sep)) throw new Error(`refusing to write ${JSON.stringify(f.path)} outside ${root}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, Buffer.from(f.base64, 'base64'));
    written.push(target);
  }
  return written;
}
