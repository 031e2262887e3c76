// Greedy label placement in pixel space, so labels in a chart do not overlap each other or the marks they label:
// each label tries positions around its point (right, left, above, below, diagonals; then farther out) and takes
// the first whose box stays inside the plot and clear of every placed box and every point (far positions get a
// leader line). Pure; text width is
// estimated from the character count (0.6 × font size per character, Helvetica-like).

export interface LabelRequest {
  id: string;
  /** Anchor in pixels from the plot's top-left. */
  x: number;
  y: number;
  text: string;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A placed label: its box in pixels (text drawn left-aligned at (box.x, box.y + box.h/2)); `leader` = far from its point, draw a line. */
export interface PlacedLabel {
  id: string;
  text: string;
  box: Box;
  anchor: { x: number; y: number };
  leader: boolean;
}

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Estimated box of `text` at `fontSize` px. */
export function textBox(text: string, fontSize: number): { w: number; h: number } {
  return { w: Math.ceil([...text].length * fontSize * 0.6) + 2, h: Math.ceil(fontSize * 1.25) };
}

/**
 * Places labels in order (put the most important first); `points` are every mark to keep clear of (radius in px).
 * Labels that find no free position are returned in `dropped` (the caller names them elsewhere, e.g. a legend).
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  points: readonly { x: number; y: number; r: number }[],
  area: { width: number; height: number },
  fontSize = 10,
): { placed: PlacedLabel[]; dropped: string[] } {
  const placed: PlacedLabel[] = [];
  const dropped: string[] = [];
  const pointBoxes = points.map((p) => ({ x: p.x - p.r, y: p.y - p.r, w: 2 * p.r, h: 2 * p.r }));
  for (const req of requests) {
    const { w, h } = textBox(req.text, fontSize);
    let found: Box | null = null;
    let distance = 0;
    for (const d of [6, 14, 24, 36, 50, 66, 84, 104]) {
      const candidates: Box[] = [
        { x: req.x + d, y: req.y - h / 2, w, h },
        { x: req.x - d - w, y: req.y - h / 2, w, h },
        { x: req.x - w / 2, y: req.y - d - h, w, h },
        { x: req.x - w / 2, y: req.y + d, w, h },
        { x: req.x + d * 0.7, y: req.y - d * 0.7 - h, w, h },
        { x: req.x - d * 0.7 - w, y: req.y - d * 0.7 - h, w, h },
        { x: req.x + d * 0.7, y: req.y + d * 0.7, w, h },
        { x: req.x - d * 0.7 - w, y: req.y + d * 0.7, w, h },
      ];
      found = candidates.find((b) => b.x >= 0 && b.y >= 0 && b.x + b.w <= area.width && b.y + b.h <= area.height && !placed.some((p) => overlaps(p.box, b)) && !pointBoxes.some((p) => overlaps(p, b))) ?? null;
      distance = d;
      if (found) break;
    }
    if (found) placed.push({ id: req.id, text: req.text, box: found, anchor: { x: req.x, y: req.y }, leader: distance > 14 });
    else dropped.push(req.id);
  }
  return { placed, dropped };
}
