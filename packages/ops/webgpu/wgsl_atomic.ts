/**
 * WGSL for float accumulation with atomics: WGSL only has integer atomics, so
 * `atomicAddF` adds through a compare-and-swap loop on the bits of each float.
 * Repeated indices accumulate without sorting; the order of the additions, and so
 * the last bits of the sums, may vary between runs.
 *
 * @module
 */

/** WGSL: `T[idx] += v` on an `array<atomic<u32>>` holding floats. */
export const ATOMIC_ADD: string = `
fn atomicAddF(idx: u32, v: f32) {
  var old = atomicLoad(&T[idx]);
  loop {
    let r = atomicCompareExchangeWeak(&T[idx], old, bitcast<u32>(bitcast<f32>(old) + v));
    if (r.exchanged) { break; }
    old = r.old_value;
  }
}`;
