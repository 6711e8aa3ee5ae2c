/**
 * The training curve: losses and scores by step, as a small SVG document
 * written by hand (two panels, axes with ticks, one polyline per series).
 *
 * @module
 */

/** One evaluation of a training run, as the curve needs it. */
export interface CurvePoint {
  /** The optimizer step. */
  step: number;
  /** Loss per component since the previous evaluation. */
  losses: Record<string, number>;
  /** Scores ×100, by name (`speed` is left out of the plot). */
  scores: Record<string, number>;
  /** The weighted score (0..1). */
  score: number;
}

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2"];
const W = 420;
const H = 300;
const M = { left: 56, right: 16, top: 34, bottom: 72 };

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(
    /"/g,
    "&quot;",
  );
}

/**
 * "Nice" tick values covering `[lo, hi]` (steps of 1, 2 or 5 times a power of ten).
 *
 * @param lo the lowest value
 * @param hi the highest value
 * @param count about how many ticks
 * @returns the ticks, ascending
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { niceTicks } from "@weft/cli";
 * assert.deepEqual(niceTicks(0, 100, 5), [0, 20, 40, 60, 80, 100]);
 * assert.deepEqual(niceTicks(3, 3, 4), [3]);
 * ```
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Number(v.toPrecision(12)));
  }
  return out;
}

function fmt(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e4) return `${Number((v / 1000).toPrecision(3))}k`;
  return String(Number(v.toPrecision(4)));
}

function panel(
  x0: number,
  title: string,
  steps: number[],
  series: [string, number[]][],
  fixed?: [number, number],
): string {
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const values = series.flatMap(([, v]) => v).filter(Number.isFinite);
  const lo = fixed ? fixed[0] : Math.min(0, ...values);
  const hi = fixed ? fixed[1] : Math.max(lo + 1e-9, ...values);
  const yTicks = niceTicks(lo, hi, 5);
  // Extend the axis to the next tick, so that the top of the panel is labelled.
  const last = yTicks[yTicks.length - 1] ?? hi;
  if (last < hi && yTicks.length > 1) {
    yTicks.push(Number((2 * last - yTicks[yTicks.length - 2]!).toPrecision(12)));
  }
  const yHi = Math.max(hi, yTicks[yTicks.length - 1] ?? hi);
  const xLo = Math.min(...steps, 0);
  const xHi = Math.max(xLo + 1, ...steps);
  const sx = (s: number) => x0 + M.left + ((s - xLo) / (xHi - xLo)) * pw;
  const sy = (v: number) => M.top + ph - ((v - lo) / (yHi - lo || 1)) * ph;
  const parts: string[] = [];
  parts.push(
    `<text x="${x0 + M.left + pw / 2}" y="20" text-anchor="middle" font-weight="bold">${
      esc(title)
    }</text>`,
  );
  parts.push(
    `<rect x="${
      x0 + M.left
    }" y="${M.top}" width="${pw}" height="${ph}" fill="none" stroke="#444"/>`,
  );
  for (const t of yTicks) {
    const y = sy(t).toFixed(1);
    parts.push(
      `<line x1="${x0 + M.left}" x2="${x0 + M.left + pw}" y1="${y}" y2="${y}" stroke="#ddd"/>`,
      `<text x="${x0 + M.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${
        fmt(t)
      }</text>`,
    );
  }
  for (const t of niceTicks(xLo, xHi, 5)) {
    const x = sx(t).toFixed(1);
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${M.top + ph}" y2="${M.top + ph + 4}" stroke="#444"/>`,
      `<text x="${x}" y="${M.top + ph + 16}" text-anchor="middle">${fmt(t)}</text>`,
    );
  }
  parts.push(
    `<text x="${x0 + M.left + pw / 2}" y="${M.top + ph + 32}" text-anchor="middle">step</text>`,
  );
  series.forEach(([name, vals], k) => {
    const color = COLORS[k % COLORS.length]!;
    const pts = vals.map((v, i) => [steps[i]!, v] as const).filter(([, v]) => Number.isFinite(v));
    const d = pts.map(([s, v]) => `${sx(s).toFixed(1)},${sy(v).toFixed(1)}`).join(" ");
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${d}"/>`);
    for (const [s, v] of pts) {
      parts.push(
        `<circle cx="${sx(s).toFixed(1)}" cy="${sy(v).toFixed(1)}" r="2.5" fill="${color}"/>`,
      );
    }
    const lx = x0 + M.left + (k % 3) * (pw / 3);
    const ly = M.top + ph + 48 + Math.floor(k / 3) * 14;
    parts.push(
      `<rect x="${lx}" y="${ly - 8}" width="10" height="10" fill="${color}"/>`,
      `<text x="${lx + 14}" y="${ly}">${esc(name)}</text>`,
    );
  });
  return parts.join("\n");
}

/**
 * An SVG document of a training run: losses by component (left) and the
 * scores ×100 with the weighted score (right), against the step.
 *
 * @param points one per evaluation
 * @param title a title for the document
 * @returns the SVG text
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { trainingCurveSvg } from "@weft/cli";
 * const svg = trainingCurveSvg([
 *   { step: 0, losses: { tagger: 50 }, scores: { tag_acc: 10 }, score: 0.1 },
 *   { step: 100, losses: { tagger: 20 }, scores: { tag_acc: 80 }, score: 0.8 },
 * ]);
 * assert.match(svg, /^<svg /);
 * assert.equal(svg.match(/<polyline /g)?.length, 3); // one loss, one score, the weighted score
 * ```
 */
export function trainingCurveSvg(points: readonly CurvePoint[], title = "Training"): string {
  const steps = points.map((p) => p.step);
  const lossNames = [...new Set(points.flatMap((p) => Object.keys(p.losses)))];
  const scoreNames = [...new Set(points.flatMap((p) => Object.keys(p.scores)))].filter((n) =>
    n !== "speed"
  );
  const losses: [string, number[]][] = lossNames.map((n) => [
    `loss ${n}`,
    points.map((p) => p.losses[n] ?? NaN),
  ]);
  const scores: [string, number[]][] = scoreNames.map((n) => [
    n,
    points.map((p) => p.scores[n] ?? NaN),
  ]);
  scores.push(["score ×100", points.map((p) => p.score * 100)]);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${H}" viewBox="0 0 ${
      2 * W
    } ${H}" font-family="sans-serif" font-size="11">`,
    `<title>${esc(title)}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    panel(0, "Loss", steps, losses),
    panel(W, "Scores (×100)", steps, scores, [0, 100]),
    "</svg>",
    "",
  ].join("\n");
}
