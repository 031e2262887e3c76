// What a report holds, independent of the output format.
import type { RunRecord } from '../../lib/ports.ts';
import type { Chart } from '../charts/render-svg.ts';
import type { ReportTable } from '../tables/table-model.ts';

/** Everything a report renders; build it in the CLI/runner, then call writeReport. */
export interface ReportContent {
  title: string;
  experiment: string;
  /** Short paragraphs at the top (what was run, how long, how to read the verdicts). */
  intro: string[];
  tables: ReportTable[];
  /** Plain-language conclusions (e.g. how the T4 conclusion changes on the realistic plant). */
  conclusions: string[];
  charts: Chart[];
  /** Records rejected or incomplete, one line each. */
  dataProblems: string[];
  records: RunRecord[];
}
