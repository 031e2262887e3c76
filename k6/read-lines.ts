// Lines of a file or byte stream of any size, one at a time (gzip unpacked on the fly, as k6 writes
// `--out json=file.gz`), with a cap on one line's length so a file without newlines cannot exhaust memory.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { pipeline, type Readable } from 'node:stream';

/** Longest line accepted, bytes (a k6 Point line is ~300 B; a handleSummary object a few hundred KB). */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

/** Yields the lines of `stream` (without `\n`/`\r\n`); throws naming the line when one exceeds `maxLineBytes`. */
export async function* readLines(stream: AsyncIterable<Buffer | string>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNo = 0;
  const take = (tail: Buffer): string => {
    const buf = pending.length === 0 ? tail : Buffer.concat([...pending, tail]);
    pending = [];
    pendingBytes = 0;
    const end = buf.length > 0 && buf[buf.length - 1] === 0x0d ? buf.length - 1 : buf.length;
    return buf.toString('utf8', 0, end);
  };
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, start);
      if (nl < 0) break;
      lineNo++;
      if (pendingBytes + nl - start > maxLineBytes) throw new Error(`line ${lineNo}: longer than ${maxLineBytes} bytes`);
      yield take(buf.subarray(start, nl));
      start = nl + 1;
    }
    if (start < buf.length) {
      pending.push(buf.subarray(start));
      pendingBytes += buf.length - start;
      if (pendingBytes > maxLineBytes) throw new Error(`line ${lineNo + 1}: longer than ${maxLineBytes} bytes`);
    }
  }
  if (pendingBytes > 0) yield take(Buffer.alloc(0));
}

/** A byte stream of `path`, gunzipped when the file starts with gzip's magic bytes. */
export async function openMaybeGzip(path: string): Promise<Readable> {
  const fh = await open(path, 'r');
  const head = Buffer.alloc(2);
  try {
    await fh.read(head, 0, 2, 0);
  } finally {
    await fh.close();
  }
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  if (head[0] !== 0x1f || head[1] !== 0x8b) return raw;
  // pipeline forwards a read error (or a corrupt gzip) to the stream the caller iterates.
  return pipeline(raw, createGunzip(), () => {});
}
