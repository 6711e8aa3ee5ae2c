/**
 * Self-time accounting for the profiling scripts: `timed` wraps a function so
 * that its time, minus the time of timed calls inside it, is added to a label;
 * `timeModels` wraps every layer's forward and backward pass of a pipeline.
 *
 * @module
 */
import type { Model } from "@weft/layers";

/** Self time and call counts by label, collected while `enabled` is true. */
export class SelfTimer {
  /** Milliseconds of self time by label. */
  readonly self: Map<string, number> = new Map();
  /** Calls by label. */
  readonly calls: Map<string, number> = new Map();
  /** Whether wrapped calls are timed (off during warm-up). */
  enabled = false;
  readonly #stack: number[] = [];

  /** `fn`, timed under `label` whenever the timer is enabled. */
  timed<A extends unknown[], R>(label: string, fn: (...a: A) => R): (...a: A) => R {
    return (...a: A): R => {
      if (!this.enabled) return fn(...a);
      const stack = this.#stack;
      const t0 = performance.now();
      stack.push(0);
      try {
        return fn(...a);
      } finally {
        const dt = performance.now() - t0;
        const child = stack.pop()!;
        this.self.set(label, (this.self.get(label) ?? 0) + dt - child);
        this.calls.set(label, (this.calls.get(label) ?? 0) + 1);
        if (stack.length) stack[stack.length - 1]! += dt;
      }
    };
  }
}

/**
 * Wrap the forward pass (and the backprop it returns) of every layer of every
 * pipe, each once, labelled `pipe/layer fwd|bwd`; returns the layers wrapped.
 */
export function timeModels(
  timer: SelfTimer,
  pipeline: Iterable<readonly [string, unknown]>,
): Set<Model> {
  const seen = new Set<Model>();
  for (const [name, pipe] of pipeline) {
    const model = (pipe as { model?: Model }).model;
    if (!model) continue;
    for (const node of model.walk()) {
      if (seen.has(node)) continue;
      seen.add(node);
      const label = `${name}/${node.name}`;
      const forward = node.forward;
      const wrapped = timer.timed(`${label} fwd`, (m: Model, X: unknown, isTrain: boolean) => {
        const [Y, back] = forward(m, X, isTrain);
        return [Y, timer.timed(`${label} bwd`, back)] as const;
      });
      Object.defineProperty(node, "forward", { value: wrapped });
    }
  }
  return seen;
}
