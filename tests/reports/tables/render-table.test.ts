import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderTableMarkdown, renderTableText } from '../../../reports/tables/render-table.ts';
import type { ReportTable } from '../../../reports/tables/table-model.ts';

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

test.run();
