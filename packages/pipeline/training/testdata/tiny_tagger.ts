/**
 * A tiny tagger used by the training tests until the real components exist:
 * `HashEmbedCNN` + softmax, trained with sequence cross-entropy. Its weights
 * are initialized at construction (so a frozen, never-initialized copy still
 * has weights to compare).
 *
 * @module
 */
import { registry, schema as s } from "@weft/config";
import { HashEmbedCNN, Tagger } from "@weft/architectures";
import { type Model, SequenceCategoricalCrossentropy } from "@weft/layers";
import type { Floats2d } from "@weft/types";
import type { Example, InitializeOptions, Vocab } from "@weft/pipeline";
import { Doc, scoreTokenAttr } from "@weft/pipeline";

/** The tiny tagger. */
export class TinyTagger {
  readonly model: Model<Doc[], Floats2d[]>;
  labels: string[];
  readonly name: string;
  #loss: SequenceCategoricalCrossentropy | null = null;

  constructor(name: string, labels: string[], width: number, seedVocab: Vocab) {
    this.name = name;
    this.labels = [...labels];
    const tok2vec = HashEmbedCNN({
      width,
      depth: 1,
      embedSize: 64,
      windowSize: 1,
      maxoutPieces: 2,
      subwordFeatures: false,
      pretrainedVectors: null,
    });
    this.model = Tagger({ tok2vec, nO: this.labels.length || null }) as unknown as Model<
      Doc[],
      Floats2d[]
    >;
    if (this.labels.length) this.#init([new Doc(seedVocab, { words: ["a"] })]);
  }

  #init(docs: Doc[]): void {
    this.model.getRef("output_layer").setDim("nO", this.labels.length, { force: true });
    this.model.initialize({ X: docs });
    this.#loss = new SequenceCategoricalCrossentropy({ names: this.labels, normalize: false });
  }

  addLabel(label: string): number {
    if (this.labels.includes(label)) return 0;
    this.labels.push(label);
    return 1;
  }

  initialize(getExamples: () => Iterable<Example>, _options: InitializeOptions): void {
    const docs: Doc[] = [];
    for (const eg of getExamples()) {
      for (const tag of eg.reference.cols.tag ? eg.getAligned("TAG") : []) {
        if (tag) this.addLabel(tag);
      }
      if (docs.length < 10) docs.push(eg.predicted);
    }
    this.labels.sort();
    this.#init(docs);
  }

  predict(docs: Doc[]): Floats2d[] {
    return this.model.predict(docs);
  }

  setAnnotations(docs: Doc[], scores: Floats2d[]): void {
    const ops = this.model.ops;
    docs.forEach((doc, i) => {
      const data = ops.readSync!(scores[i]!) as Float32Array;
      const n = this.labels.length;
      for (let t = 0; t < doc.length; t++) {
        let best = 0;
        for (let k = 1; k < n; k++) if (data[t * n + k]! > data[t * n + best]!) best = k;
        doc.token(t).tag = this.labels[best]!;
      }
    });
  }

  call(doc: Doc): Doc {
    this.setAnnotations([doc], this.predict([doc]));
    return doc;
  }

  getLoss(examples: readonly Example[], scores: Floats2d[]): [number, unknown] {
    const truths = examples.map((e) => e.getAligned("TAG"));
    const [grad, loss] = this.#loss!.callSync(scores, truths);
    return [loss, grad];
  }

  update(
    examples: readonly Example[],
    options: { drop?: number; losses?: Record<string, number> } = {},
  ): Record<string, number> {
    const losses = options.losses ?? {};
    this.model.setDropoutRate(options.drop ?? 0);
    const [scores, backprop] = this.model.beginUpdate(examples.map((e) => e.predicted));
    const [loss, grad] = this.getLoss(examples, scores as Floats2d[]);
    backprop(grad as Floats2d[]);
    losses[this.name] = (losses[this.name] ?? 0) + loss;
    return losses;
  }

  score(examples: readonly Example[]): Record<string, unknown> {
    return scoreTokenAttr(examples, "tag");
  }
}

registry.factories.register(
  "weft_test_tiny_tagger",
  (a: Record<string, unknown>) =>
    new TinyTagger(
      a.name as string,
      (a.labels ?? []) as string[],
      a.width as number,
      (a.nlp as { vocab: Vocab }).vocab,
    ),
  { schema: { width: s.int().default(8), labels: s.list(s.str()).default([]) } },
);
