import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReportContent } from '../../../reports/build-report.ts';
import { writeReport } from '../../../reports/writer/write-report.ts';
import { summaryCsv } from '../../../reports/writer/summary-csv.ts';
import { makeRecord } from '../helpers/synthetic-records.ts';

const records = [1, 2, 3].flatMap((s) => [makeRecord('hpa', s, { costUsd: 1 + s / 10 }), makeRecord('hybrid', s, { costUsd: 1.2 + s / 10 }, { level: 1.3 })]);

test('the report directory gets report.md, a self-contained index.html, records.jsonl and summary.csv', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-report-'));
  try {
    const content = await buildReportContent({ experiment: 'synthetic', records, dataProblems: ['record 9: schema is "x"'], resamples: 100 });
    const paths = writeReport(dir, content);
    const html = readFileSync(paths.html, 'utf8');
    assert.ok(html.startsWith('<!doctype html>'));
    assert.ok(/<table data-table="T3">/.test(html), 'T3 table');
    assert.ok((html.match(/<svg/g) ?? []).length >= 4, 'inline SVG charts');
    assert.not.ok(/(src|href)="https?:/.test(html), 'no network resources');
    assert.not.ok(/<script/.test(html), 'no scripts');
    assert.ok(html.includes('record 9: schema is'), 'data problems listed');
    const md = readFileSync(paths.markdown, 'utf8');
    assert.ok(md.includes('### T1 — reward configurations'));
    assert.ok(md.includes('![Cost vs SLA violations (Pareto front)](charts/pareto.svg)'));
    const lines = readFileSync(paths.records, 'utf8').trim().split('\n');
    assert.is(lines.length, 6);
    assert.equal(JSON.parse(lines[0]), records[0]);
    assert.is(readFileSync(paths.summary, 'utf8'), summaryCsv(records));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('summary.csv has one line per record, empty cells for missing metrics and NaN spelled out', () => {
  const a = makeRecord('hpa', 1, { latencyP95Ms: NaN });
  delete (a.metrics as Partial<typeof a.metrics>).costUsd;
  const [header, row] = summaryCsv([a]).trim().split('\n');
  const cols = header.split(',');
  const cells = row.split(',');
  assert.is(cells[cols.indexOf('latencyP95Ms')], 'NaN');
  assert.is(cells[cols.indexOf('costUsd')], '');
  assert.is(cells[cols.indexOf('autoscaler')], 'hpa');
});

test('an existing records.jsonl is never replaced by an empty one, and writeRecords: false keeps it untouched', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-report-'));
  try {
    const content = await buildReportContent({ experiment: 'x', records, dataProblems: [], resamples: 50 });
    const first = writeReport(dir, content);
    const before = readFileSync(first.records, 'utf8');
    writeReport(dir, { ...content, records: [] });
    assert.is(readFileSync(first.records, 'utf8'), before);
    writeReport(dir, { ...content, records: records.slice(0, 1) }, { writeRecords: false });
    assert.is(readFileSync(first.records, 'utf8'), before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
