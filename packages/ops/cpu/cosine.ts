/**
 * The cosine-distance loss kernel on the host (`Ops.cosineDistance`).
 *
 * @module
 */
import { type Floats1d, type Floats2d, hostArray, hostData } from "@weft/types";
import { rank, sameShape } from "./checks.ts";

/** Per row: the gradient of `1 - cos(guess + 1e-8, truth + 1e-8)` and `|cos - 1|`. */
export function cosineDistanceH(
  guesses: Floats2d,
  truths: Floats2d,
  ignoreZeros: boolean,
): { dGuesses: Floats2d; losses: Floats1d } {
  rank("cosineDistance", guesses, 2, "guesses");
  sameShape("cosineDistance", guesses, truths, "guesses and truths");
  const [rows, cols] = guesses.shape;
  const g = hostData(guesses);
  const t = hostData(truths);
  const dGuesses = hostArray([rows, cols] as const, "float32");
  const losses = hostArray([rows] as const, "float32");
  const grad = hostData(dGuesses);
  const loss = hostData(losses);
  // Thinc adds 1e-8 to every value of its float32 arrays, so the sum is rounded to float32.
  const tiny = Math.fround(1e-8);
  const yh = new Float64Array(cols);
  const y = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    let dot = 0, sqYh = 0, sqY = 0, absTruth = 0;
    for (let j = 0; j < cols; j++) {
      yh[j] = Math.fround(g[i * cols + j]! + tiny);
      y[j] = Math.fround(t[i * cols + j]! + tiny);
      absTruth += Math.abs(t[i * cols + j]!);
      dot += yh[j]! * y[j]!;
      sqYh += yh[j]! * yh[j]!;
      sqY += y[j]! * y[j]!;
    }
    if (ignoreZeros && absTruth === 0) continue;
    const normYh = Math.sqrt(sqYh);
    const mulNorms = normYh * Math.sqrt(sqY);
    const cosine = dot / mulNorms;
    for (let j = 0; j < cols; j++) {
      grad[i * cols + j] = -(y[j]! / mulNorms - cosine * (yh[j]! / (normYh * normYh)));
    }
    loss[i] = Math.abs(cosine - 1);
  }
  return { dGuesses, losses };
}
