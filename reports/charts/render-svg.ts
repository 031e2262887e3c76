// Renders a Vega-Lite spec to a standalone SVG string headlessly (no DOM, no canvas, no network).
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Use for every chart of the report: compile Vega-Lite → Vega, render with the 'none' renderer to SVG. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A chart ready to embed: a title, what it shows, and the SVG markup. */
export interface Chart {
  id: string;
  title: string;
  caption: string;
  svg: string;
}
