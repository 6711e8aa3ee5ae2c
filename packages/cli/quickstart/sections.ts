/**
 * A config written section by section with values kept as their config text
 * (`1.0` stays `1.0`), in confection's order: sections by depth, each depth
 * in the order its parents came.
 *
 * @module
 */

/** One section: its values (as config text) and its subsections, in order. */
export class SectionTree {
  /** Values as `[key, text]`. */
  readonly values: [string, string][] = [];
  /** Subsections by name, in insertion order. */
  readonly children: Map<string, SectionTree> = new Map();

  /**
   * Set values (config text), keeping the first position of a key set twice.
   *
   * @param entries `[key, text]` pairs
   * @returns this section
   */
  set(...entries: [string, string][]): this {
    for (const [k, v] of entries) {
      const at = this.values.findIndex(([key]) => key === k);
      if (at >= 0) this.values[at] = [k, v];
      else this.values.push([k, v]);
    }
    return this;
  }

  /**
   * The subsection at a dotted path, created when missing.
   *
   * @param path e.g. `"model.tok2vec"`
   * @returns the subsection
   */
  at(path: string): SectionTree {
    const [head, ...rest] = path.split(".");
    let child = this.children.get(head!);
    if (!child) {
      child = new SectionTree();
      this.children.set(head!, child);
    }
    return rest.length ? child.at(rest.join(".")) : child;
  }

  /**
   * The config text: `[a]`, then `[a.b]` sections depth by depth, values as
   * `key = text`, sections separated by a blank line, no final newline.
   *
   * @returns the text
   */
  toStr(): string {
    const blocks: string[] = [];
    let level: [string, SectionTree][] = [...this.children];
    while (level.length) {
      const next: [string, SectionTree][] = [];
      for (const [name, node] of level) {
        blocks.push([`[${name}]`, ...node.values.map(([k, v]) => `${k} = ${v}`)].join("\n"));
        for (const [child, sub] of node.children) next.push([`${name}.${child}`, sub]);
      }
      level = next;
    }
    return blocks.join("\n\n");
  }
}

/**
 * Python's `repr` of a float (`1.0`, `0.33`, `1e-08`).
 *
 * @param x the number
 * @returns its text
 */
export function pyFloat(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  const s = String(x);
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}
