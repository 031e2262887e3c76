// The calibration section of the sim-to-real report (reports/out/sim-to-real/calibration.md): per parameter the
// estimate, its CI, the value the records' config.plant states (the truth for simulator records) and what could
// not be identified, plus a chart of fitted against observed CPU. Takes plain numbers (sim/calibration's result
// has this shape); rendering only.

/** One parameter's fit as the report reads it. */
export type ReportFit =
  | { identifiable: true; estimate: number; unit: string; ci: [number, number] | null; error?: string; recordsUsed: number; minutesUsed: number; method: string; details?: Record<string, unknown> }
  | { identifiable: false; why: string };

/** What the calibration section needs. */
export interface CalibrationReportInput {
  /** The records file, as the user named it. */
  source: string;
  /** The command that produced the numbers (shown verbatim). */
  command: string;
  recordsRead: number;
  recordsWithSeries: number;
  fit: Record<string, ReportFit>;
  sources: Record<string, string>;
  recorded: Partial<Record<string, number>>;
  cpuMinutes: readonly { rps: number; cores: number }[];
  notes: readonly string[];
}

/** Significant digits for the tables: enough to compare an estimate with its truth. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x) || Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 0.01 || a >= 1e6)) return x.toPrecision(4);
  return x.toFixed(a >= 100 ? 1 : a >= 1 ? 2 : 4);
}

/** An interval with enough significant digits that its ends differ (up to 8), e.g. [0.0079998, 0.0080012]. */
export function formatInterval(ci: readonly [number, number]): string {
  let [lo, hi] = ci.map(formatNumber);
  for (let digits = 5; lo === hi && ci[0] !== ci[1] && digits <= 8; digits++) [lo, hi] = ci.map((x) => x.toPrecision(digits));
  return `[${lo}, ${hi}]`;
}

/** Relative error, % with a sign: two decimals, or two significant digits below 0.1 % (e.g. -0.0014 %). */
function pct(est: number, truth: number): string {
  if (truth === 0) return '';
  const e = (100 * (est - truth)) / truth;
  const text = Math.abs(e) >= 0.1 || e === 0 ? e.toFixed(2) : e.toPrecision(2);
  return `${e >= 0 ? '+' : ''}${text} %`;
}

/** Use to write calibration.md; `chartFile` is the SVG's name beside it. */
export function renderCalibrationMarkdown(input: CalibrationReportInput, chartFile: string): string {
  const lines: string[] = [
    '# Calibration: the plant fitted from run records', '',
    `Records: \`${input.source}\` (${input.recordsRead} records, ${input.recordsWithSeries} with per-minute series).`, '',
    '```', input.command, '```', '',
    '| parameter | estimate | 95 % CI (bootstrap over runs) | recorded in config.plant | error | runs | minutes |',
    '|---|---|---|---|---|---|---|',
  ];
  const unidentified: string[] = [];
  for (const [name, f] of Object.entries(input.fit)) {
    const truth = input.recorded[name];
    if (!f.identifiable) {
      unidentified.push(`- \`${name}\`: not identifiable — ${f.why}.`);
      lines.push(`| \`${name}\` | not identifiable | | ${truth === undefined ? '' : formatNumber(truth)} | | | |`);
      continue;
    }
    const ci = f.ci ? formatInterval(f.ci) : `— (${f.error ?? 'none'})`;
    lines.push(`| \`${name}\` | ${formatNumber(f.estimate)} ${f.unit} | ${ci} | ${truth === undefined ? '' : formatNumber(truth)} | ${truth === undefined ? '' : pct(f.estimate, truth)} | ${f.recordsUsed} | ${f.minutesUsed} |`);
  }
  lines.push('', 'The "recorded" column is what the records\' `config.plant` states: for simulator records that is the truth the fit',
    'should recover; for cluster records it is only what the experiment assumed.', '');
  if (unidentified.length) lines.push('Not identified from these records (the written plant keeps the default):', '', ...unidentified, '');
  lines.push('## How each parameter was estimated', '');
  for (const [name, f] of Object.entries(input.fit)) {
    if (!f.identifiable) continue;
    const details = Object.entries(f.details ?? {}).map(([k, v]) => `${k} = ${Array.isArray(v) ? `[${v.map((x) => formatNumber(Number(x))).join(', ')}]` : typeof v === 'number' ? formatNumber(v) : String(v)}`);
    lines.push(`- \`${name}\`: ${f.method}.${details.length ? ` (${details.join('; ')})` : ''}`);
  }
  const bySource = (s: string): string => Object.entries(input.sources).filter(([, v]) => v === s).map(([k]) => `\`${k}\``).join(', ') || '—';
  lines.push('', '## The written plant', '', `- fitted: ${bySource('fitted')}`, `- from the records' settings: ${bySource('records')}`, `- defaults (not identified, or not fitted): ${bySource('default')}`, '');
  if (input.notes.length) lines.push('Notes:', '', ...input.notes.map((n) => `- ${n}`), '');
  lines.push('## Fitted against observed CPU', '', `![CPU of the Ready pods against request rate](${chartFile})`, '',
    'Each dot is one minute the CPU fit used (Ready-pod cores = cpuUtilization × readyPods × cpuRequest); the line is the fitted CPU per request × rps.', '');
  return lines.join('\n');
}

/** Use for the report's chart: observed Ready-pod cores per minute against rps, and the fitted line. */
export async function calibrationCpuChart(input: CalibrationReportInput, maxPoints = 800): Promise<string | null> {
  const f = input.fit.cpuPerRequestCoreSeconds;
  if (!f || !f.identifiable || input.cpuMinutes.length === 0) return null;
  const step = Math.max(1, Math.ceil(input.cpuMinutes.length / maxPoints));
  const points = input.cpuMinutes.filter((_, i) => i % step === 0).map((p) => ({ rps: p.rps, cores: p.cores, kind: 'observed minute' }));
  const maxRps = Math.max(...input.cpuMinutes.map((p) => p.rps));
  const line = [0, maxRps].map((rps) => ({ rps, cores: f.estimate * rps, kind: `fitted: ${formatNumber(f.estimate)} core-s per request` }));
  // Vega loads only when a chart is drawn (calibrate without --report never needs it).
  const { renderSvg } = await import('../charts/render-svg.ts');
  return renderSvg({
    config: { font: 'Helvetica, Arial, sans-serif', view: { stroke: '#ddd' } },
    width: 420, height: 280,
    encoding: {
      x: { field: 'rps', type: 'quantitative', title: 'requests/s (minute mean)' },
      y: { field: 'cores', type: 'quantitative', title: 'Ready-pod CPU (cores)' },
      color: { field: 'kind', type: 'nominal', title: null, legend: { orient: 'top-left', labelLimit: 320 } },
    },
    layer: [
      { data: { values: points }, mark: { type: 'point', size: 12, opacity: 0.5, filled: true } },
      { data: { values: line }, mark: { type: 'line', strokeWidth: 2 } },
    ],
  });
}
