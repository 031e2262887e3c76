// The records file (JSON Lines, one RunRecord per line): durable appends, a strict reader that names the line of
// any problem, and a scanner the runner uses to resume. A record line is written with one write() of the complete
// line (newline included) followed by fsync, so a kill leaves at most one partial last line, which is reported.
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { RunRecord } from '../lib/ports.ts';
import { UserError } from '../lib/errors.ts';
import { JsonInputError, parseStrictJson } from '../lib/strict-json.ts';
import { MAX_FILE_BYTES, readInputFile } from './input-file.ts';
import { InvalidRunRecordError, validateRunRecord } from './validate-run-record.ts';

/** A good line of a records file. */
export interface RecordLine {
  /** 1-based line number in the file. */
  lineNumber: number;
  /** The line's exact text without its newline (kept so rewrites are byte-identical). */
  text: string;
  record: RunRecord;
}

/** The first bad line: everything from `byteOffset` on is suspect. */
export interface RecordsProblem {
  lineNumber: number;
  byteOffset: number;
  message: string;
}

/** Use to inspect a records file's text: the good lines before the first problem, and that problem. */
export function scanRecordsText(text: string): { lines: RecordLine[]; problem?: RecordsProblem } {
  const lines: RecordLine[] = [];
  let offset = 0;
  let lineNumber = 0;
  while (offset < text.length) {
    lineNumber++;
    const end = text.indexOf('\n', offset);
    if (end < 0) {
      return { lines, problem: { lineNumber, byteOffset: Buffer.byteLength(text.slice(0, offset)), message: `line ${lineNumber} is incomplete (no newline at the end: the writer was probably killed mid-line)` } };
    }
    const line = text.slice(offset, end);
    const problem = (message: string) => ({ lines, problem: { lineNumber, byteOffset: Buffer.byteLength(text.slice(0, offset)), message: `line ${lineNumber} ${message}` } });
    let parsed: unknown;
    try {
      parsed = parseStrictJson(line);
    } catch (err) {
      if (!(err instanceof JsonInputError)) throw err;
      if (line.trim() === '') return problem('is empty');
      return problem(err.syntax ? `is ${err.detail}` : `is not a valid scalelab.run/v1 record: ${err.message}`);
    }
    try {
      lines.push({ lineNumber, text: line, record: validateRunRecord(parsed) });
    } catch (err) {
      if (err instanceof InvalidRunRecordError) return problem(`is not a valid scalelab.run/v1 record: ${err.message}`);
      throw err;
    }
    offset = end + 1;
  }
  return { lines };
}

/** Use wherever records are consumed (reports, summaries): every line validated, any problem → UserError with its line number. */
export function readRunRecords(path: string, options: { lastNewlineOptional?: boolean } = {}): RunRecord[] {
  let text = readInputFile(path, 'records file', MAX_FILE_BYTES.records);
  // A file put together by hand may lack the last newline; a writer killed mid-line leaves invalid JSON anyway.
  if (options.lastNewlineOptional && text !== '' && !text.endsWith('\n')) text += '\n';
  const { lines, problem } = scanRecordsText(text);
  if (problem) throw new UserError(`records file ${path}, ${problem.message}`);
  return lines.map((l) => l.record);
}

/** An open records file for durable appends. */
export interface RecordsWriter {
  append(line: string): void;
  close(): void;
}

/** Opens `path` for appending; each `append` writes one complete line in a single write and fsyncs it. */
export function openRecordsWriter(path: string): RecordsWriter {
  const fd = openSync(path, 'a');
  return {
    append(line: string) {
      if (line.includes('\n')) throw new Error('a record line must not contain a newline');
      writeAll(fd, `${line}\n`);
      fsyncSync(fd);
    },
    close() {
      closeSync(fd);
    },
  };
}

/** Replaces `path` with `lines` atomically (temp file, fsync, rename): used to put the finished file in cell order.
 * The temp name is unique (pid + random), so two processes never write into one temp file. */
export function writeLinesAtomically(path: string, lines: readonly string[]): void {
  writeTextAtomically(path, lines.map((l) => `${l}\n`).join(''));
}

/** Replaces `path` with `text` atomically (unique temp file, fsync, rename): a reader sees the old file or the new one. */
export function writeTextAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx');
  try {
    try {
      writeAll(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Writes all of `text`: one write() may write only part of it, and a short file renamed over the records loses them. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}

/** Reads a records file for resuming: missing file → no lines. */
export function readRecordsForResume(path: string): { lines: RecordLine[]; problem?: RecordsProblem; text: string } {
  if (!existsSync(path)) return { lines: [], text: '' };
  const text = readInputFile(path, 'records file', MAX_FILE_BYTES.records);
  return { ...scanRecordsText(text), text };
}
