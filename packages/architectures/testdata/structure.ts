/**
 * Dump a model's tree as `make_structure_fixtures.py` dumps spaCy's, and compare.
 *
 * @module
 */
import type { Model } from "@weft/layers";

/** One node of a dumped tree. */
export interface NodeDump {
  name: string;
  dims: Record<string, number | null>;
  params: Record<string, number[] | null>;
  children: number[];
  refs: string[];
}

/** A dumped tree and its parameter count. */
export interface ModelDump {
  nodes: NodeDump[];
  total_params: number;
}

/** Dump every node of `model.walk()` (breadth-first). */
export function dumpModel(model: Model): ModelDump {
  const nodes = model.walk();
  const index = new Map(nodes.map((n, i) => [n, i]));
  let total = 0;
  const out = nodes.map((node) => {
    const dims: Record<string, number | null> = {};
    for (const d of node.dimNames) dims[d] = node.maybeGetDim(d);
    const params: Record<string, number[] | null> = {};
    for (const p of node.paramNames) {
      const value = node.maybeGetParam(p);
      params[p] = value === null ? null : [...value.shape];
      if (value !== null) total += value.size;
    }
    return {
      name: node.name,
      dims,
      params,
      children: node.layers.map((c) => index.get(c)!),
      refs: [...node.refNames].sort(),
    };
  });
  return { nodes: out, total_params: total };
}

/**
 * Differences between a Weft tree and spaCy's: node names, child structure,
 * reference names, parameter names and shapes must be equal; every dim spaCy has set must have
 * the same value in Weft (Weft may declare extra dims).
 */
export function diffStructure(actual: ModelDump, expected: ModelDump): string[] {
  const problems: string[] = [];
  if (actual.nodes.length !== expected.nodes.length) {
    problems.push(`node count ${actual.nodes.length} != ${expected.nodes.length}`);
  }
  const n = Math.min(actual.nodes.length, expected.nodes.length);
  for (let i = 0; i < n; i++) {
    const a = actual.nodes[i]!;
    const e = expected.nodes[i]!;
    const where = `node ${i} (${e.name.length > 60 ? "..." + e.name.slice(-60) : e.name})`;
    if (a.name !== e.name) problems.push(`${where}: name ${a.name}`);
    if (a.children.join() !== e.children.join()) {
      problems.push(`${where}: children [${a.children}] != [${e.children}]`);
    }
    for (const [d, v] of Object.entries(e.dims)) {
      if (v !== null && a.dims[d] !== v) problems.push(`${where}: dim ${d} ${a.dims[d]} != ${v}`);
    }
    if (a.refs.join() !== e.refs.join()) problems.push(`${where}: refs [${a.refs}] != [${e.refs}]`);
    const ap = JSON.stringify(Object.entries(a.params).sort());
    const ep = JSON.stringify(Object.entries(e.params).sort());
    if (ap !== ep) problems.push(`${where}: params ${ap} != ${ep}`);
  }
  if (actual.total_params !== expected.total_params) {
    problems.push(`total params ${actual.total_params} != ${expected.total_params}`);
  }
  return problems;
}
