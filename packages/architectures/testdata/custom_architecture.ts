/**
 * A user module registering its own architecture, as in the "Layers and Model
 * Architectures" page (`CustomTorchModel.v1`, here in native layers: a character
 * embedding feeding a small feed-forward network per token).
 *
 * @module
 */
import { registry } from "@weft/config";
import { chain, Dropout, type Model, Relu, Softmax, withArray } from "@weft/layers";
import type { Floats2d } from "@weft/types";
import { CharacterEmbed } from "../mod.ts";

registry.architectures.register("CustomTorchModel.v1", (args: Record<string, unknown>) => {
  const nO = args.nO as number;
  const width = args.width as number;
  const hiddenWidth = args.hidden_width as number;
  const dropout = args.dropout as number;
  const charEmbed = CharacterEmbed({
    width,
    rows: args.embed_size as number,
    nM: args.nM as number,
    nC: args.nC as number,
    includeStaticVectors: false,
  });
  const layers = chain(
    Relu({ nO: hiddenWidth, nI: width }),
    Dropout(dropout) as Model,
    Relu({ nO: hiddenWidth }),
    Dropout(dropout) as Model,
    Softmax({ nO }),
  ) as Model<Floats2d, Floats2d>;
  return chain(charEmbed, withArray<Floats2d[]>(layers));
});
