import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { renderTableMarkdown, renderTableText } from '../../../reports/tables/render-table.ts';
import { adaptiveDecimals, formatSmall, formatWithCi, maxDecimalsFor, type ReportTable } from '../../../reports/tables/table-model.ts';
import { buildPairedRecordTable } from '../../../reports/tables/paired-record-table.ts';
import { REALISTIC_ARMS } from '../../../reports/build-report.ts';
import { makeRecord } from '../helpers/synthetic-records.ts';

const table: ReportTable = { id: 'X', title: 'X — demo', columns: ['metric', 'value'], rows: [['a', '1'], ['longer name', 'a|b']], notes: ['a note'], incomplete: ['seed 3 missing'] };

test('text tables align every column to its widest cell', () => {
  const lines = renderTableText(table).split('\n');
  assert.is(lines[1], 'metric       value');
  assert.is(lines[3], 'a            1');
  assert.is(lines[4], 'longer name  a|b');
  assert.ok(lines.some((l) => l.includes('seed 3 missing')));
});

test('Markdown tables escape pipes and list incomplete comparisons', () => {
  const md = renderTableMarkdown(table);
  assert.ok(md.includes('| longer name | a\\|b |'));
  assert.ok(md.includes('**Incomplete comparisons (1)**'));
});

test('repeated notes print once, in order of first appearance (text, Markdown and the report content)', () => {
  const dup: ReportTable = { ...table, notes: ['b: no records named x.', 'first', 'b: no records named x.', 'second', 'first'] };
  const notes = renderTableText(dup).split('\n').filter((l) => l.startsWith('  · '));
  assert.equal(notes, ['  · b: no records named x.', '  · first', '  · second']);
  const md = renderTableMarkdown(dup).split('\n').filter((l) => l.startsWith('- ') && !l.includes('seed 3'));
  assert.equal(md, ['- b: no records named x.', '- first', '- second']);
});

test('the realistic T4 without thesis-hpa records names the missing arm once, not once per metric', () => {
  const records = [1, 2, 3].map((s) => makeRecord('thesis-threshold', s, {}, { withSeries: false }));
  const t = buildPairedRecordTable('T4-realistic', 'demo', records, REALISTIC_ARMS.thesisHpa, REALISTIC_ARMS.threshold);
  assert.is(t.notes.filter((n) => n.includes('no records named thesis-hpa')).length, 1);
  assert.is(t.rows.length, 7);
});

test('a tiny non-zero percentage prints as "< 0.001 %", not 0.000002 %; 3 significant digits otherwise', () => {
  assert.is(adaptiveDecimals(2e-6, 2, maxDecimalsFor('%')), 3);
  assert.is(formatWithCi(2e-6, 1e-6, 3e-6, 3, '%'), '< 0.001 %');
  assert.is(formatWithCi(0.0123, 0.0121, 0.0125, adaptiveDecimals(0.0123, 2, maxDecimalsFor('$')), '$'), '0.0123 [0.0121, 0.0125] $');
  // Exactly zero stays a zero (nothing was hidden).
  assert.is(formatWithCi(0, 0, 0, 2, '%'), '0.00 [0.00, 0.00] %');
  assert.is(formatSmall(2e-6, 3), '< 0.001');
  // Mixed: estimate 0.0002 % and low 0.0001 % round to 0 at 3 decimals, high 0.0012 % does not.
  assert.is(formatWithCi(0.0002, 0.0001, 0.0012, 3, '%'), '< 0.001 [< 0.001, 0.001] %');
  assert.is(formatSmall(6.74, 2), '6.74');
});
