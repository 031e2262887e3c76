import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildReportContent } from '../../reports/build-report.ts';
import { analyzeN30 } from '../../reports/tables/n30-table.ts';
import { writeReport } from '../../reports/writer/write-report.ts';
import { runThesisStudy } from '../../sim/thesis/index.ts';
import { makeRecord } from '../reports/helpers/synthetic-records.ts';
import { launchChromium } from './helpers/chromium.ts';

test('index.html opens in headless Chromium with every table and SVG chart rendered, without network', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-browser-'));
  const records = [1, 2, 3].flatMap((s) => [makeRecord('hpa', s), makeRecord('hybrid', s, { costUsd: 1.7 }, { level: 1.3 }), makeRecord('thesis-threshold', s)]);
  const content = await buildReportContent({ experiment: 'browser', records, dataProblems: [], n30: analyzeN30(runThesisStudy(), { resamples: 500 }), resamples: 200 });
  const { html } = writeReport(dir, content);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(html).href);
    const tables = await page.$$eval('table[data-table]', (ts) => ts.map((t) => ({ id: t.getAttribute('data-table'), rows: t.querySelectorAll('tr').length })));
    const ids = tables.map((t) => t.id);
    for (const id of ['T4', 'T4-realistic', 'T4-upstream', 'T1', 'T2', 'T3']) assert.ok(ids.includes(id), `table ${id} in ${ids.join(',')}`);
    assert.is(tables.find((t) => t.id === 'T4')!.rows, 8, 'T4: header + 7 metric rows');
    // The T4 means are visible text in the rendered page.
    const t4Text = await page.$eval('table[data-table="T4"]', (t) => (t as HTMLElement).innerText);
    assert.ok(t4Text.includes('137.45') && t4Text.includes('110.49'));
    // Every chart is an SVG with a real laid-out size and drawn marks.
    const charts = await page.$$eval('figure.chart svg', (svgs) =>
      svgs.map((s) => ({ w: s.getBoundingClientRect().width, h: s.getBoundingClientRect().height, marks: s.querySelectorAll('path, circle, line, rect').length })),
    );
    assert.ok(charts.length >= 4, `${charts.length} charts`);
    for (const c of charts) assert.ok(c.w > 100 && c.h > 100 && c.marks > 10, JSON.stringify(c));
    assert.equal(requests, [], 'the page must not touch the network');
    await page.screenshot({ path: join(dir, 'screenshot.png'), fullPage: true });
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
