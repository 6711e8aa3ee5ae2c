import assert from "node:assert/strict";
import { niceTicks, trainingCurveSvg } from "./mod.ts";

Deno.test("trainingCurveSvg() scales points into the panels", () => {
  const svg = trainingCurveSvg([
    { step: 0, losses: { tagger: 100 }, scores: { tag_acc: 0, speed: 5000 }, score: 0 },
    { step: 200, losses: { tagger: 50 }, scores: { tag_acc: 100, speed: 5000 }, score: 1 },
  ], "a <run>");
  assert.match(svg, /<title>a &lt;run&gt;<\/title>/);
  // speed is not plotted; the weighted score is.
  assert.ok(!svg.includes(">speed<"));
  const lines = [...svg.matchAll(/<polyline [^>]*points="([^"]+)"/g)].map((m) =>
    m[1]!.split(" ").map((p) => p.split(",").map(Number))
  );
  assert.equal(lines.length, 3);
  // Panel 1 spans x 56..404 and y 34..228 (0..100): loss 100 at the top-left, 50 mid-height right.
  assert.deepEqual(lines[0], [[56, 34], [404, 131]]);
  // tag_acc 0 → bottom, 100 → top of the score panel (fixed 0..100).
  assert.deepEqual(lines[1], [[476, 228], [824, 34]]);
  for (const [x, y] of lines.flat() as [number, number][]) {
    assert.ok(x >= 0 && x <= 840 && y >= 0 && y <= 300);
  }
});

Deno.test("niceTicks() covers the range with 1-2-5 steps", () => {
  assert.deepEqual(niceTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(0, 7300, 4), [0, 2000, 4000, 6000]);
  assert.deepEqual(niceTicks(-5, 5, 2), [-5, 0, 5]);
});
