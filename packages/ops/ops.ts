/**
 * The `Ops` interface: every computation a layer needs, implemented by each backend.
 *
 * Names follow Thinc's `Ops` in camelCase. Enqueueing work is synchronous; reading
 * values back is `await ops.read(x)` (the CPU backend also has `readSync`). Index
 * arrays (`lengths`, `sizeAtT`, `indices`) are host `Int32Array`s so control flow never waits on a device. Methods return new
 * arrays unless their name or doc says "in place".
 *
 * @module
 */
import type {
  DType,
  Floats1d,
  Floats2d,
  Floats3d,
  Floats4d,
  FloatsXd,
  HostArray,
  Ints1d,
  Ints2d,
  NdArray,
  Padded,
  Ragged,
  Shape,
  Shape1d,
  Shape2d,
  Shape3d,
} from "@weft/types";

/** Options for `gemm`. */
export interface GemmOptions {
  /** Use the transpose of the first argument. */
  transA?: boolean | undefined;
  /** Use the transpose of the second argument. */
  transB?: boolean | undefined;
  /** Write the result here (shape must match) instead of allocating. */
  out?: Floats2d | undefined;
  /**
   * Add the product to `out` (required) instead of overwriting it: gradient
   * accumulation without a temporary; false by default.
   */
  accumulate?: boolean | undefined;
}

/** Options for `softmax` and `backpropSoftmax`. */
export interface SoftmaxOptions {
  /** The axis to normalize over; -1 (the last) by default. */
  axis?: number | undefined;
  /** Divide the logits by this before normalizing; 1 by default. */
  temperature?: number | undefined;
}

/** Hyperparameters of one Adam step; `learnRate` is already bias-corrected. */
export interface AdamOptions {
  /** Decay of the first moment. */
  beta1: number;
  /** Decay of the second moment. */
  beta2: number;
  /** Added to the root of the second moment. */
  eps: number;
  /** Step size for this update. */
  learnRate: number;
}

/**
 * Hyperparameters of one fused optimizer step (`Ops.adamStep`): Adam's, plus what
 * Thinc's optimizer does around it, in its order.
 */
export interface AdamStepOptions extends AdamOptions {
  /** Clip the gradient (after coupled L2) to this L2 norm first; 0 (the default) disables. */
  gradClip?: number | undefined;
  /** Coupled L2: add `L2 * weights` to the gradient before clipping; 0 by default. */
  L2?: number | undefined;
  /** Multiply the weights by this after the step (weight decay `1 - lr * L2`); 1 by default. */
  weightDecay?: number | undefined;
  /** The weights' moving average, updated last as `updateAverages` does. */
  averages?: Floats1d | undefined;
  /** The update count `t` of the averages' warm-up decay; required with `averages`. */
  averagesStep?: number | undefined;
  /** The averages' largest decay, 0.9999 by default. */
  maxDecay?: number | undefined;
}

/** The result of `maxout`: the best value per output and which piece produced it. */
export interface MaxoutResult {
  /** `[N, nO]` maxima. */
  best: Floats2d;
  /** `[N, nO]` int32 piece index of each maximum, in the backend's memory. */
  which: Ints2d;
}

/** The result of `reduceMax`: the maxima and the row each came from. */
export interface ReduceMaxResult {
  /** `[B, N]` maxima per sequence (zeros for empty sequences). */
  Y: Floats2d;
  /**
   * `[B, N]` int32 row offset, within its sequence, of each maximum (-1 for empty
   * sequences), in the backend's memory.
   */
  which: Ints2d;
}

/** The result of `cosineDistance`. */
export interface CosineDistanceResult {
  /** `[N, nO]` gradient of each row's `1 - cos` with respect to its guess. */
  dGuesses: Floats2d;
  /** `[N]` each row's `|cos - 1|`. */
  losses: Floats1d;
}

/** The result of `normalizeRows`: the standardized rows and the statistics used. */
export interface NormalizeRowsResult {
  /** `[N, nI]` rows with zero mean and unit variance. */
  Y: Floats2d;
  /** `[N]` inverse standard deviation of each row, for the backward pass. */
  invStd: Floats1d;
}

/** The result of `layerNorm`: the output and what the backward pass needs. */
export interface LayerNormResult {
  /** `[N, nI]` output `Xhat * G + b`. */
  Y: Floats2d;
  /** `[N, nI]` standardized rows (zero mean, unit variance). */
  Xhat: Floats2d;
  /** `[N]` inverse standard deviation of each row. */
  invStd: Floats1d;
}

/** The gradients `backpropLayerNorm` returns (new arrays the caller owns). */
export interface LayerNormGradients {
  /** `[N, nI]` gradient of the input. */
  dX: Floats2d;
  /** `[nI]` gradient of the scale `G`. */
  dG: Floats1d;
  /** `[nI]` gradient of the shift `b`. */
  db: Floats1d;
}

/**
 * What `lstmForward` keeps for `backpropLstm`, in Thinc's layout: per layer and
 * direction, the outputs `Y`, the activated gates `G` (forget, input, output, cell
 * candidate, in blocks of nO) and the cells `C` of every row; and the inputs.
 */
export interface LstmState {
  /** `[depth, dirs, N, nO]` hidden states. */
  Y: Floats4d;
  /** `[depth, dirs, N, 4 nO]` gate activations `[f | i | o | c~]`. */
  G: Floats4d;
  /** `[depth, dirs, N, nO]` cell states. */
  C: Floats4d;
  /** `[N, nI]` the inputs of the first layer. */
  X: Floats2d;
  /** `[depth, dirs, nO]` the initial hidden states. */
  H0: Floats3d;
  /** `[depth, dirs, nO]` the initial cells. */
  C0: Floats3d;
}

/** The result of `lstmForward`. */
export interface LstmResult {
  /** `[N, dirs * nO]` outputs of the last layer (directions side by side). */
  Y: Floats2d;
  /** What the backward pass needs. */
  state: LstmState;
}

/** The result of `backpropLstm`. */
export interface LstmGradients {
  /** `[N, nI]` gradient of the inputs. */
  dX: Floats2d;
  /** Gradient of the parameters, in their layout. */
  dParams: Floats1d;
}

/**
 * Every operation a layer may ask of a backend. The CPU backend is the reference;
 * others must agree with it within float tolerance.
 */
export interface Ops {
  /** The backend's name: `"cpu"`, `"webgpu"`. */
  readonly name: string;

  // Allocation and transfer.
  /** A zero-filled array. */
  alloc<S extends Shape, D extends DType = "float32">(shape: S, dtype?: D): NdArray<S, D>;
  /** A zero-filled `[n]` float array. */
  alloc1f(n: number): Floats1d;
  /** A zero-filled `[a, b]` float array. */
  alloc2f(a: number, b: number): Floats2d;
  /** A zero-filled `[a, b, c]` float array. */
  alloc3f(a: number, b: number, c: number): Floats3d;
  /** A zero-filled `[a, b, c, d]` float array. */
  alloc4f(a: number, b: number, c: number, d: number): Floats4d;
  /** A zero-filled `[n]` integer array (int32 unless given). */
  alloc1i(n: number, dtype?: "int32" | "uint32"): Ints1d;
  /** A zero-filled `[a, b]` integer array (int32 unless given). */
  alloc2i(a: number, b: number, dtype?: "int32" | "uint32"): Ints2d;
  /** Upload host values as an array of the given shape and dtype. */
  asarray<S extends Shape, D extends DType>(
    data: ArrayLike<number>,
    shape: S,
    dtype: D,
  ): NdArray<S, D>;
  /** Upload host values as a `[n]` float array. */
  asarray1f(data: ArrayLike<number>): Floats1d;
  /** Upload host values as a `[rows, cols]` float array. */
  asarray2f(data: ArrayLike<number>, rows: number, cols: number): Floats2d;
  /** Upload host values as a `[n]` integer array (int32 unless given). */
  asarray1i(data: ArrayLike<number>, dtype?: "int32" | "uint32"): Ints1d;
  /** Upload host values as a `[rows, cols]` integer array (int32 unless given). */
  asarray2i(
    data: ArrayLike<number>,
    rows: number,
    cols: number,
    dtype?: "int32" | "uint32",
  ): Ints2d;
  /** The same storage under another shape of the same size. */
  reshape<S extends Shape, D extends DType>(x: NdArray<Shape, D>, shape: S): NdArray<S, D>;
  /** A copy with its own storage. */
  copy<S extends Shape, D extends DType>(x: NdArray<S, D>): NdArray<S, D>;
  /** Read the values back to the host (a copy on device backends). */
  read<D extends DType>(x: NdArray<Shape, D>): Promise<HostArray<D>>;
  /** Read synchronously; only backends whose memory is on the host have it. */
  readonly readSync?: (<D extends DType>(x: NdArray<Shape, D>) => HostArray<D>) | undefined;
  /** Tell the backend an array is no longer used, so its memory can be reused. */
  release(x: NdArray): void;

  // Element-wise arithmetic (same shapes).
  /** `a + b`. */
  add<S extends Shape>(a: NdArray<S, "float32">, b: NdArray<S, "float32">): NdArray<S, "float32">;
  /** `a - b`. */
  sub<S extends Shape>(a: NdArray<S, "float32">, b: NdArray<S, "float32">): NdArray<S, "float32">;
  /** `a * b`. */
  mul<S extends Shape>(a: NdArray<S, "float32">, b: NdArray<S, "float32">): NdArray<S, "float32">;
  /** `x * factor`. */
  scale<S extends Shape>(x: NdArray<S, "float32">, factor: number): NdArray<S, "float32">;
  /** In place: `dst += factor * src` (gradient accumulation, SGD steps). */
  addInPlace(dst: FloatsXd, src: FloatsXd, factor?: number): void;
  /** In place: `x *= factor` (weight decay without a temporary copy). */
  scaleInPlace(x: FloatsXd, factor: number): void;
  /** In place: set every element to `value`. */
  fill(x: NdArray, value: number): void;
  /** Column sums of `[N, nO]` rows: `[nO]` (the bias gradient). */
  sumRows(X: Floats2d): Floats1d;
  /** `X * v[:, None]`: scale each row by its own factor. */
  mulRows(X: Floats2d, v: Floats1d): Floats2d;
  /** Row-wise dot products of two `[N, nI]` arrays: `[N]`. */
  rowDots(A: Floats2d, B: Floats2d): Floats1d;
  /** `X * g[None, :] + b[None, :]`: per-column scale and shift (LayerNorm's G and b). */
  scaleColumns(X: Floats2d, g: Floats1d, b?: Floats1d): Floats2d;
  /** Integer remainder `x % divisor` of unsigned ids (HashEmbed's row lookup). */
  remainder<S extends Shape>(
    x: NdArray<S, "int32" | "uint32">,
    divisor: number,
  ): NdArray<S, "uint32">;

  // Matrix products.
  /** `op(A) @ op(B)` where `op` transposes when asked. */
  gemm(A: Floats2d, B: Floats2d, options?: GemmOptions): Floats2d;
  /** `X @ W.T + b` for `X [N, nI]`, `W [nO, nI]`, `b [nO]`. */
  affine(X: Floats2d, W: Floats2d, b: Floats1d): Floats2d;

  // Activations and their backward passes.
  /** `max(0, x)`. */
  relu<S extends Shape>(X: NdArray<S, "float32">): NdArray<S, "float32">;
  /** Gradient of relu given its output `Y`. */
  backpropRelu<S extends Shape>(
    dY: NdArray<S, "float32">,
    Y: NdArray<S, "float32">,
  ): NdArray<S, "float32">;
  /** `1 / (1 + exp(-x))`. */
  sigmoid<S extends Shape>(X: NdArray<S, "float32">): NdArray<S, "float32">;
  /** Gradient of sigmoid given its output `Y`. */
  backpropSigmoid<S extends Shape>(
    dY: NdArray<S, "float32">,
    Y: NdArray<S, "float32">,
  ): NdArray<S, "float32">;
  /** Hyperbolic tangent. */
  tanh<S extends Shape>(X: NdArray<S, "float32">): NdArray<S, "float32">;
  /** Gradient of tanh given its output `Y`. */
  backpropTanh<S extends Shape>(
    dY: NdArray<S, "float32">,
    Y: NdArray<S, "float32">,
  ): NdArray<S, "float32">;
  /** `x * tanh(softplus(x))`, linear above `threshold` (Thinc's default 20). */
  mish<S extends Shape>(X: NdArray<S, "float32">, threshold?: number): NdArray<S, "float32">;
  /** Gradient of mish given its input `X`. */
  backpropMish<S extends Shape>(
    dY: NdArray<S, "float32">,
    X: NdArray<S, "float32">,
    threshold?: number,
  ): NdArray<S, "float32">;
  /**
   * Gaussian error linear unit (erf form, as Thinc's `gelu`); `x` at or above
   * `threshold` and 0 at or below `-threshold` (default 6).
   */
  gelu<S extends Shape>(X: NdArray<S, "float32">, threshold?: number): NdArray<S, "float32">;
  /** Gradient of gelu given its input `X`. */
  backpropGelu<S extends Shape>(
    dY: NdArray<S, "float32">,
    X: NdArray<S, "float32">,
    threshold?: number,
  ): NdArray<S, "float32">;
  /** `x * sigmoid(x)`; `x` at or above `threshold` and 0 at or below `-threshold` (default 17). */
  swish<S extends Shape>(X: NdArray<S, "float32">, threshold?: number): NdArray<S, "float32">;
  /** Gradient of swish given its input `X` and output `Y`. */
  backpropSwish<S extends Shape>(
    dY: NdArray<S, "float32">,
    X: NdArray<S, "float32">,
    Y: NdArray<S, "float32">,
    threshold?: number,
  ): NdArray<S, "float32">;
  /** Softmax along an axis, with optional temperature. */
  softmax<S extends Shape>(
    X: NdArray<S, "float32">,
    options?: SoftmaxOptions,
  ): NdArray<S, "float32">;
  /** Gradient of softmax given its output `Y`. */
  backpropSoftmax<S extends Shape>(
    Y: NdArray<S, "float32">,
    dY: NdArray<S, "float32">,
    options?: SoftmaxOptions,
  ): NdArray<S, "float32">;
  /** Softmax over the rows of each sequence, per column (attention weights). */
  softmaxSequences(X: Floats2d, lengths: Int32Array): Floats2d;
  /** Gradient of `softmaxSequences` given its output `Y`. */
  backpropSoftmaxSequences(dY: Floats2d, Y: Floats2d, lengths: Int32Array): Floats2d;
  /** The maximum over the last axis of `X [N, nO, nP]`. */
  maxout(X: Floats3d): MaxoutResult;
  /** Route `dBest [N, nO]` back to the winning pieces: `[N, nO, nP]`. */
  backpropMaxout(dBest: Floats2d, which: Ints2d, nP: number): Floats3d;
  /**
   * Standardize each row to zero mean and unit variance (LayerNorm without G, b):
   * `(x - mean) / sqrt(var + eps)`, `eps` 1e-8 by default as in Thinc.
   */
  normalizeRows(X: Floats2d, eps?: number): NormalizeRowsResult;
  /** Gradient of `normalizeRows` given its output and inverse standard deviations. */
  backpropNormalizeRows(dY: Floats2d, Y: Floats2d, invStd: Floats1d): Floats2d;
  /**
   * Optional fused LayerNorm: `normalizeRows(X, eps)` then `scaleColumns(Xhat, G, b)`
   * in one op with identical results. Backends without it get the composition.
   */
  layerNorm?(X: Floats2d, G: Floats1d, b: Floats1d, eps?: number): LayerNormResult;
  /**
   * Optional fused LayerNorm gradient, identical to `sumRows(dY)` (db),
   * `sumRows(mul(dY, Xhat))` (dG) and `backpropNormalizeRows(scaleColumns(dY, G),
   * Xhat, invStd)` (dX).
   */
  backpropLayerNorm?(
    dY: Floats2d,
    Xhat: Floats2d,
    invStd: Floats1d,
    G: Floats1d,
  ): LayerNormGradients;
  /**
   * Cosine distance of each row pair, as Thinc's `CosineDistance` computes it (1e-8
   * added to every value): the gradient of `1 - cos(guess, truth)` per row and the
   * per-row loss `|cos - 1|`. With `ignoreZeros`, rows whose truth is all zeros get
   * zero gradient and loss. Scaling by the batch size is left to the caller.
   */
  cosineDistance(guesses: Floats2d, truths: Floats2d, ignoreZeros: boolean): CosineDistanceResult;
  /** Index of the largest value in each row. */
  argmax(X: Floats2d): Ints1d;

  // Sequences.
  /**
   * Concatenate each row with its `nW` neighbours on either side: `[N, nI]` to
   * `[N, (2 nW + 1) nI]`, with zeros past the edges of each sequence in `lengths`
   * (one sequence of all rows when omitted), so windows never cross documents.
   */
  seq2col(X: Floats2d, nW: number, lengths?: Int32Array): Floats2d;
  /** Gradient of `seq2col`. */
  backpropSeq2col(dY: Floats2d, nW: number, lengths?: Int32Array): Floats2d;
  /** Sum of the rows of each sequence: `[B, N]`. */
  reduceSum(X: Floats2d, lengths: Int32Array): Floats2d;
  /** Gradient of `reduceSum`. */
  backpropReduceSum(dY: Floats2d, lengths: Int32Array): Floats2d;
  /** Mean of the rows of each sequence (zeros for empty sequences). */
  reduceMean(X: Floats2d, lengths: Int32Array): Floats2d;
  /** Gradient of `reduceMean`. */
  backpropReduceMean(dY: Floats2d, lengths: Int32Array): Floats2d;
  /** Maximum of the rows of each sequence, per column. */
  reduceMax(X: Floats2d, lengths: Int32Array): ReduceMaxResult;
  /** Gradient of `reduceMax`. */
  backpropReduceMax(dY: Floats2d, which: Ints2d, lengths: Int32Array): Floats2d;
  /** The first row of each sequence (zeros for empty ones). */
  reduceFirst(X: Floats2d, lengths: Int32Array): Floats2d;
  /** Gradient of `reduceFirst`. */
  backpropReduceFirst(dY: Floats2d, lengths: Int32Array): Floats2d;
  /** The last row of each sequence (zeros for empty ones). */
  reduceLast(X: Floats2d, lengths: Int32Array): Floats2d;
  /** Gradient of `reduceLast`. */
  backpropReduceLast(dY: Floats2d, lengths: Int32Array): Floats2d;
  /**
   * Stack `[n_i, nI]` arrays into one `[sum n_i (+ pads), nI]`, with `pad` zero rows
   * around each. Keeps the dtype, so integer ids (hashes above 2^24 included) pass
   * through exactly; an empty list gives a float32 array.
   */
  flatten<D extends DType = "float32">(
    Xs: readonly NdArray<Shape2d, D>[],
    pad?: number,
  ): NdArray<Shape2d, D>;
  /** Undo `flatten`: split rows by `lengths`, dropping `pad` rows around each (any dtype). */
  unflatten<D extends DType = "float32">(
    X: NdArray<Shape2d, D>,
    lengths: Int32Array,
    pad?: number,
  ): NdArray<Shape2d, D>[];
  /** Concatenate along columns: `[N, a] + [N, b]` to `[N, a + b]` (any dtype, all alike). */
  hstack<D extends DType = "float32">(Xs: readonly NdArray<Shape2d, D>[]): NdArray<Shape2d, D>;
  /** Columns `[start, end)` of `X` as a new array (any dtype). */
  sliceColumns<D extends DType = "float32">(
    X: NdArray<Shape2d, D>,
    start: number,
    end: number,
  ): NdArray<Shape2d, D>;
  /** Pad `[n_i, N]` arrays to `[B, T, N]` (batch-major, original order); T rounded up to `roundTo`. */
  pad<D extends DType = "float32">(
    Xs: readonly NdArray<Shape2d, D>[],
    roundTo?: number,
  ): NdArray<Shape3d, D>;
  /** Undo `pad`. */
  unpad<D extends DType = "float32">(
    X: NdArray<Shape3d, D>,
    lengths: Int32Array,
  ): NdArray<Shape2d, D>[];
  /** Sort by length and pad time-major into a `Padded`. */
  list2padded<D extends DType = "float32">(Xs: readonly NdArray<Shape2d, D>[]): Padded<D>;
  /** Undo `list2padded`, restoring the original order. */
  padded2list<D extends DType = "float32">(Xp: Padded<D>): NdArray<Shape2d, D>[];
  /** Concatenate rows into a `Ragged` (copies; any dtype, kept). */
  list2ragged<D extends DType = "float32">(Xs: readonly NdArray<Shape2d, D>[]): Ragged<D>;
  /** Split a `Ragged` into one array per sequence (views where the backend allows; any dtype). */
  ragged2list<D extends DType = "float32">(Xr: Ragged<D>): NdArray<Shape2d, D>[];

  // Embeddings and hashing.
  /**
   * Map each id through a table (`remapIds`): `values[j]` where `ids[i] == keys[j]`,
   * else `fallback`. `keys` are sorted ascending as unsigned 32-bit integers without
   * repeats (see `sortedLookupTable`); ids and keys compare as unsigned. Upload the
   * table once and reuse it. Same shape as `ids`, int32.
   */
  lookupIds<S extends Shape>(
    ids: NdArray<S, "int32" | "uint32">,
    keys: Ints1d,
    values: Ints1d,
    fallback: number,
  ): NdArray<S, "int32">;
  /** Rows of `table` picked by `ids`: `[N, nO]`. */
  gatherRows(table: Floats2d, ids: Ints1d): Floats2d;
  /** For each row of `indices [N, K]`, the sum of those K rows of `table`: `[N, nO]`. */
  gatherAdd(table: Floats2d, indices: Ints2d): Floats2d;
  /**
   * In place: add each row of `values [N, nO]` into `table` at the row(s) named by
   * `indices` (`[N]`, or `[N, K]` adding the row K times). Repeated ids accumulate.
   */
  scatterAdd(table: Floats2d, indices: Ints1d | Ints2d, values: Floats2d): void;
  /**
   * Seeded 128-bit MurmurHash3 of each uint32 id: `[N, 4]` uint32, bit-exact with
   * Thinc's `ops.hash` (which hashes the id as an 8-byte little-endian key with the
   * x64_128 variant and stores the two 64-bit halves as low/high words).
   */
  hash(ids: Ints1d, seed: number): Ints2d;
  /**
   * Hashes of every run of `n` consecutive keys (Thinc's `ngrams`: MurmurHash64A of
   * the keys as 8-byte words, seed 0), keeping the low 32 bits: `[max(0, len - n + 1)]` uint32.
   */
  ngrams(n: number, keys: Ints1d): Ints1d;
  /**
   * A bag-of-features linear layer (Thinc's `SparseLinear`): for each sequence, `b`
   * plus the sum over its features of `(W[o * length + h0 % length] + W[o * length +
   * h1 % length]) * value`, where `h0`, `h1` are MurmurHash3_x86_32 of the key (as an
   * 8-byte word) with seeds 0 and 1. `keys`/`values` hold every sequence's features
   * back to back, split by `lengths`; `W` is `[nO * length]`. With `v1Indexing`
   * (Thinc's `SparseLinear.v1`, kept for compatibility), the slots are
   * `W[(h & (length - 1)) + o]` instead; `SparseLinear.v2` uses the default.
   */
  sparseLinear(
    keys: Ints1d,
    values: Floats1d,
    lengths: Int32Array,
    W: Floats1d,
    b: Floats1d,
    nO: number,
    length: number,
    v1Indexing?: boolean,
  ): Floats2d;
  /** In place: accumulate the gradient of `sparseLinear` into `dW [nO * length]`. */
  backpropSparseLinear(
    dY: Floats2d,
    keys: Ints1d,
    values: Floats1d,
    lengths: Int32Array,
    dW: Floats1d,
    nO: number,
    length: number,
    v1Indexing?: boolean,
  ): void;
  /** Sinusoidal position encodings `[N, D]`. */
  positionEncode(N: number, D: number, period?: number, shift?: number): Floats2d;

  // Randomness.
  /**
   * A dropout mask: each element is 0 with probability `rate`, else `1 / (1 - rate)`.
   * The same seed gives the same mask.
   */
  getDropoutMask<S extends Shape>(shape: S, rate: number, seed: number): NdArray<S, "float32">;
  /**
   * Optional: `mul(X, getDropoutMask(X.shape, rate, seed))` without making the mask
   * (identical values). Calling it again with the same seed on the gradient gives
   * the backward pass.
   */
  dropoutMul?<S extends Shape>(
    X: NdArray<S, "float32">,
    rate: number,
    seed: number,
  ): NdArray<S, "float32">;

  // Optimizer kernels, all in place.
  /** One Adam step on `weights`, updating the moments. */
  adam(
    weights: Floats1d,
    gradient: Floats1d,
    mom1: Floats1d,
    mom2: Floats1d,
    options: AdamOptions,
  ): void;
  /** Rescale `gradient` so its L2 norm is at most `threshold`. */
  clipGradient(gradient: Floats1d, threshold: number): void;
  /**
   * One whole optimizer step for one parameter, fused where the backend can: add
   * `L2 * weights` to the gradient, clip its norm to `gradClip`, take the Adam step,
   * scale the weights by `weightDecay`, update `averages`, and zero the gradient.
   * Equal within float32 rounding to `adamStepComposed` (the same ops one by one).
   *
   * @example A clipped Adam step that also keeps the average
   * ```ts
   * import assert from "node:assert/strict";
   * import { getOps } from "@weft/ops";
   * const ops = getOps("cpu");
   * const w = ops.asarray1f([1, 1]);
   * const g = ops.asarray1f([30, -40]);
   * const [m1, m2, avg] = [ops.alloc1f(2), ops.alloc1f(2), ops.alloc1f(2)];
   * ops.adamStep(w, g, m1, m2, {
   *   beta1: 0.9, beta2: 0.999, eps: 1e-8, learnRate: 0.1,
   *   gradClip: 5, averages: avg, averagesStep: 1,
   * });
   * const [a, b] = ops.readSync!(w);
   * // The first step moves each weight by about learnRate * 0.1 / sqrt(0.001) against its gradient.
   * assert.ok(Math.abs(a! - (1 - 0.1 / Math.sqrt(0.1))) < 1e-4 && b! > 1);
   * assert.deepEqual([...ops.readSync!(g)], [0, 0]);
   * ```
   */
  adamStep(
    weights: Floats1d,
    gradient: Floats1d,
    mom1: Floats1d,
    mom2: Floats1d,
    options: AdamStepOptions,
  ): void;
  /** Exponential moving average of weights with Thinc's decay `min((1 + t) / (10 + t), maxDecay)`. */
  updateAverages(ema: Floats1d, weights: Floats1d, t: number, maxDecay?: number): void;

  // Recurrent layers.
  /**
   * A stacked, optionally bidirectional LSTM over packed time-major rows (Thinc's
   * `lstm_forward_training`): `X [N, nI]` holds the `sizeAtT[0]` rows of step 0,
   * then those of step 1, ..., with sequences sorted longest first (a `Padded`
   * batch without its padding). `H0`, `C0` are `[depth, dirs, nO]`. `params` holds,
   * per layer and direction, `Wx [4 nO, nI_l]`, `bx [4 nO]`, `Wh [4 nO, nO]`,
   * `bh [4 nO]`, gates in blocks ordered forget, input, output, cell (Thinc's
   * layout; `nI_l` is nI for the first layer, `dirs * nO` after).
   */
  lstmForward(
    params: Floats1d,
    H0: Floats3d,
    C0: Floats3d,
    X: Floats2d,
    sizeAtT: Int32Array,
  ): LstmResult;
  /**
   * Gradients of `lstmForward` given `dY [N, dirs * nO]`. Both biases get the full
   * bias gradient (the gates see `bx + bh`); `H0`, `C0` get none, as in Thinc.
   */
  backpropLstm(
    dY: Floats2d,
    sizeAtT: Int32Array,
    params: Floats1d,
    state: LstmState,
  ): LstmGradients;
}

/** A shape of rank 1 or 2, for helpers that accept both. */
export type Shape1or2d = Shape1d | Shape2d;
