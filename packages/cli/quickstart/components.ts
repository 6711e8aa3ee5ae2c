/**
 * The `[components.*]` blocks of the quickstart config, filled as spaCy fills them.
 *
 * @module
 */
import type { SectionTree } from "./sections.ts";

/** The components `init config` knows. */
export const QUICKSTART_COMPONENTS: readonly string[] = [
  "tagger",
  "morphologizer",
  "senter",
  "parser",
  "ner",
  "textcat",
  "textcat_multilabel",
];

/** The reference every listener uses for its width. */
export const WIDTH_REF = "${components.tok2vec.model.encode.width}";

/**
 * A `Tok2VecListener.v1` block.
 *
 * @param node the section
 */
export function listener(node: SectionTree): void {
  node.set(
    ["@architectures", '"spacy.Tok2VecListener.v1"'],
    ["width", WIDTH_REF],
    ["upstream", '"*"'],
  );
}

function textcatBow(node: SectionTree, exclusive: boolean, templateOrder: boolean): void {
  node.set(["@architectures", '"spacy.TextCatBOW.v3"'], ["exclusive_classes", String(exclusive)]);
  // The template's own values come first; filled defaults follow in signature order.
  if (templateOrder) {
    node.set(["ngram_size", "1"], ["no_output_layer", "false"], ["length", "262144"]);
  } else node.set(["length", "262144"], ["ngram_size", "1"], ["no_output_layer", "false"]);
  node.set(["nO", "null"]);
}

/**
 * Add one component's filled blocks to the config.
 *
 * @param root the config
 * @param name the component (its factory)
 * @param accuracy whether optimizing for accuracy
 * @throws {RangeError} for an unknown component
 */
export function component(
  root: SectionTree,
  name: string,
  accuracy: boolean,
): void {
  const c = root.at(`components.${name}`).set(["factory", `"${name}"`]);
  const tagger = (scorer: string) => {
    c.at("model").set(
      ["@architectures", '"spacy.Tagger.v2"'],
      ["nO", "null"],
      ["normalize", "false"],
    );
    return () => c.at("scorer").set(["@scorers", `"${scorer}"`]);
  };
  const parser = (state: string, hidden: number, pieces: number) => {
    c.at("model").set(
      ["@architectures", '"spacy.TransitionBasedParser.v2"'],
      ["state_type", `"${state}"`],
      ["extra_state_tokens", "false"],
      ["hidden_width", String(hidden)],
      ["maxout_pieces", String(pieces)],
      ["use_upper", "true"],
      ["nO", "null"],
    );
    listener(c.at("model.tok2vec"));
  };
  switch (name) {
    case "tagger": {
      c.set(["label_smoothing", "0.05"], ["overwrite", "false"], ["neg_prefix", '"!"']);
      const scorer = tagger("spacy.tagger_scorer.v1");
      listener(c.at("model.tok2vec"));
      scorer();
      break;
    }
    case "morphologizer": {
      c.set(["label_smoothing", "0.05"], ["overwrite", "true"], ["extend", "false"]);
      const scorer = tagger("spacy.morphologizer_scorer.v1");
      listener(c.at("model.tok2vec"));
      scorer();
      break;
    }
    case "senter": {
      c.set(["overwrite", "false"]);
      const scorer = tagger("spacy.senter_scorer.v1");
      c.at("model.tok2vec").set(
        ["@architectures", '"spacy.HashEmbedCNN.v2"'],
        ["pretrained_vectors", "null"],
        ["width", "12"],
        ["depth", "1"],
        ["embed_size", "2000"],
        ["window_size", "1"],
        ["maxout_pieces", "2"],
        ["subword_features", "true"],
      );
      scorer();
      break;
    }
    case "parser":
      c.set(
        ["moves", "null"],
        ["update_with_oracle_cut_size", "100"],
        ["learn_tokens", "false"],
        ["min_action_freq", "30"],
      );
      parser("parser", 128, 3);
      c.at("scorer").set(["@scorers", '"spacy.parser_scorer.v1"']);
      break;
    case "ner":
      c.set(["moves", "null"], ["update_with_oracle_cut_size", "100"], [
        "incorrect_spans_key",
        "null",
      ]);
      parser("ner", 64, 2);
      c.at("scorer").set(["@scorers", '"spacy.ner_scorer.v1"']);
      break;
    case "textcat":
    case "textcat_multilabel": {
      const multi = name === "textcat_multilabel";
      c.set(["threshold", multi ? "0.5" : "0.0"]);
      if (accuracy) {
        c.at("model").set(["@architectures", '"spacy.TextCatEnsemble.v2"'], ["nO", "null"]);
        listener(c.at("model.tok2vec"));
        textcatBow(c.at("model.linear_model"), !multi, false);
      } else textcatBow(c.at("model"), !multi, !multi);
      c.at("scorer").set([
        "@scorers",
        multi ? '"spacy.textcat_multilabel_scorer.v2"' : '"spacy.textcat_scorer.v2"',
      ]);
      break;
    }
    default:
      throw new RangeError(
        `init config: unknown component "${name}" (known: ${QUICKSTART_COMPONENTS.join(", ")})`,
      );
  }
}
