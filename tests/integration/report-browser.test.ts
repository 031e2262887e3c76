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
import type { RunRecord } from '../../lib/ports.ts';
import { makeRecord } from '../reports/helpers/synthetic-records.ts';
import { launchChromium } from './helpers/chromium.ts';

const typed = (r: RunRecord, type: string): RunRecord => ({ ...r, config: { autoscaler: { name: r.autoscaler, type } } });

test('index.html opens in headless Chromium at 1,400 px: the answer and frontier chart first, every table, nothing overflows, no network', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-browser-'));
  // Twelve autoscalers, as in the standard experiment: an HPA sweep, KPA, the thesis's controllers and six agents.
  const records = [1, 2, 3].flatMap((s) => [
    ...[50, 70, 100, 150].map((t, i) => typed(makeRecord(`hpa-${t}`, s, { costUsd: 2 - i * 0.3, slaViolationRateRequests: 0.01 + i * 0.02 }), 'hpa')),
    typed(makeRecord('kpa', s, { costUsd: 1.4, slaViolationRateRequests: 0.015 }), 'kpa'),
    typed(makeRecord('thesis-threshold', s), 'thesis-threshold'),
    ...['dqn', 'dqn-balanced', 'dqn-weak-sla', 'ppo', 'hybrid', 'hybrid-constrained'].map((a, i) => typed(makeRecord(a, s, { costUsd: 1 + i * 0.05 + s * 0.01, slaViolationRateRequests: 0.03 + i * 0.002 }, { level: 1.3 }), a.startsWith('dqn') ? 'dqn' : a)),
  ]);
  const content = await buildReportContent({ experiment: 'browser', records, dataProblems: [], n30: analyzeN30(runThesisStudy(), { resamples: 500 }), resamples: 200 });
  const { html } = writeReport(dir, content);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(html).href);
    // The report opens with the answer and the frontier chart, before any table.
    const order = await page.$$eval('#answer, #chart-frontier, table[data-table]', (els) => els.map((e) => e.id || e.getAttribute('data-table')));
    assert.equal(order.slice(0, 2), ['answer', 'chart-frontier']);
    assert.match(await page.$eval('#answer', (e) => (e as HTMLElement).innerText), /hybrid: .*(cheaper|not better)/);
    const tables = await page.$$eval('table[data-table]', (ts) => ts.map((t) => ({ id: t.getAttribute('data-table'), rows: t.querySelectorAll('tr').length })));
    const ids = tables.map((t) => t.id);
    for (const id of ['frontier', 'frontier-families', 'cost', 'savings', 'T4', 'T4-realistic', 'T4-upstream', 'T1a', 'T1b', 'T2a', 'T2b', 'T3', 'summary']) assert.ok(ids.includes(id), `table ${id} in ${ids.join(',')}`);
    assert.is(tables.find((t) => t.id === 'T4')!.rows, 8, 'T4: header + 7 metric rows');
    const t4Text = await page.$eval('table[data-table="T4"]', (t) => (t as HTMLElement).innerText);
    assert.ok(t4Text.includes('137.45') && t4Text.includes('110.49'));
    // Nothing is wider than the window: the page does not scroll sideways and no table or chart sticks out.
    const overflow = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      wide: [...document.querySelectorAll('table, figure, svg')].map((e) => ({ what: e.getAttribute('data-table') ?? e.closest('figure')?.id ?? e.tagName, right: e.getBoundingClientRect().right })).filter((x) => x.right > 1400),
    }));
    assert.ok(overflow.scroll <= 1400, `page scrolls to ${overflow.scroll} px`);
    assert.equal(overflow.wide, []);
    // Every chart is an SVG with a real laid-out size and drawn marks.
    const charts = await page.$$eval('figure.chart svg', (svgs) =>
      svgs.map((s) => ({ w: s.getBoundingClientRect().width, h: s.getBoundingClientRect().height, marks: s.querySelectorAll('path, circle, line, rect').length })),
    );
    assert.ok(charts.length >= 4, `${charts.length} charts`);
    for (const c of charts) assert.ok(c.w > 100 && c.h > 100 && c.marks > 10, JSON.stringify(c));
    // Verdict cells are coloured from the enum (e.g. "not comparable" grey), not from their text.
    assert.ok((await page.$$('td.v-not-comparable')).length > 0);
    assert.equal(requests, [], 'the page must not touch the network');
    await page.screenshot({ path: join(dir, 'screenshot.png'), fullPage: true });
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
