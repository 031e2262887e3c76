// Reading a file a user named, with bounds at the door: only regular files (a FIFO would block forever,
// /dev/zero would read until memory runs out), at most a documented size, opened without blocking.
// Every refusal is a UserError (exit 2) naming the file; the OS error, if any, is its cause.
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { UserError } from '../lib/errors.ts';

/** Largest file accepted per kind of input, bytes. Each is far above real files of that kind (the shipped
 * experiments are < 40 KB, a year of per-second trace counts ~ 250 MB would need a per-minute trace instead). */
export const MAX_FILE_BYTES = {
  /** An experiment file. */
  experiment: 4 * 1024 * 1024,
  /** A trace file (per-minute or per-second counts). */
  trace: 64 * 1024 * 1024,
  /** A training configuration file. */
  trainConfig: 1024 * 1024,
  /** A records.jsonl (the standard experiment's is 1.6 MB for 210 cells). */
  records: 512 * 1024 * 1024,
  /** One training log (JSON Lines). */
  trainingLog: 256 * 1024 * 1024,
  /** The experiment.json a run writes beside its records (every cell's resolved config; standard's is ~0.5 MB). */
  experimentJson: 64 * 1024 * 1024,
  /** A k6 script read statically (`k6 import`); real ones are a few KB. */
  k6Script: 4 * 1024 * 1024,
  /** A Pulumi.<stack>.yaml or Pulumi.yaml. */
  stackFile: 1024 * 1024,
  /** A small JSON file of ours: shard.json, provenance.json, frontier-families.json. */
  smallJson: 4 * 1024 * 1024,
  /** JSON on stdin (hpa calc/normalize). */
  stdin: 16 * 1024 * 1024,
} as const;

/** Use for every file a user names: its text, or a UserError saying why not (`what` names the kind, e.g. "trace file"). */
export function readInputFile(path: string, what: string, maxBytes: number, shown = path): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UserError(`cannot read ${what} ${shown}: ${code}, expected an existing, readable file`, { cause: err });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      const kind = st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO (named pipe)' : st.isCharacterDevice() ? 'a character device' : st.isSocket() ? 'a socket' : 'not a regular file';
      throw new UserError(`${what} ${shown}: is ${kind}, expected a regular file`);
    }
    if (st.size > maxBytes) throw new UserError(`${what} ${shown}: is ${st.size} bytes, expected at most ${maxBytes} bytes`);
    return readFileSync(fd, 'utf8');
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot read ${what} ${shown}`, { cause: err });
  } finally {
    closeSync(fd);
  }
}
