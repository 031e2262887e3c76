// What a report holds, independent of the output format.
import type { RunRecord } from '../../lib/ports.ts';
import type { Chart } from '../charts/render-svg.ts';
import type { ReportTable } from '../tables/table-model.ts';

/** Everything a report renders; build it in the CLI/runner, then call writeReport. */
export interface ReportContent {
  title: string;
  experiment: string;
  /** The answer the report opens with: per agent, its cost against the best tuned baseline at its SLA-violation rate. */
  answer: string[];
  /** Shown right after the answer: the frontier chart. */
  leadCharts: Chart[];
  /** Shown after the lead charts, before the thesis tables: frontier margins and the cost calculator. */
  leadTables: ReportTable[];
  /** Short paragraphs (what was run, how long, how to read the verdicts). */
  intro: string[];
  tables: ReportTable[];
  /** Plain-language conclusions (e.g. how the T4 conclusion changes on the realistic plant). */
  conclusions: string[];
  charts: Chart[];
  /** Records rejected or incomplete, one line each. */
  dataProblems: string[];
  records: RunRecord[];
}
