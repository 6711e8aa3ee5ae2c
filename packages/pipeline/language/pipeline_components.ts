/**
 * `PipelineComponents`: the ordered, named components of a `Language` and
 * which of them are enabled.
 *
 * @module
 */
import { registry } from "@weft/config";
import { fillFactoryConfig } from "./factory_config.ts";
import type { AddPipeOptions, DisabledPipes } from "./language_options.ts";
import type { Pipe } from "./pipe.ts";

/**
 * The component list of a pipeline, the base of {@linkcode Language}: adding
 * components from `registry.factories` (each factory is called with
 * `{ nlp, name, ...config }`, `nlp` being the pipeline), finding, removing,
 * renaming, and disabling them for a while.
 *
 * @example Rearranging and disabling components
 * ```ts
 * import assert from "node:assert/strict";
 * import { Language } from "@weft/pipeline";
 * const nlp = Language.blank("en");
 * nlp.addPipe("sentencizer", { name: "b" });
 * nlp.addPipe("sentencizer", { name: "a", first: true });
 * assert.deepEqual(nlp.pipeNames, ["a", "b"]);
 * const disabled = nlp.selectPipes({ enable: "b" });
 * assert.deepEqual(nlp.pipeNames, ["b"]);
 * disabled.restore();
 * assert.deepEqual(nlp.pipeNames, ["a", "b"]);
 * ```
 */
export abstract class PipelineComponents {
  #components: [string, Pipe, string][] = [];
  #disabled = new Set<string>();

  /** The names of the enabled components, in order. */
  get pipeNames(): string[] {
    return this.#components.filter(([n]) => !this.#disabled.has(n)).map(([n]) => n);
  }
  /** The names of all components, disabled ones included. */
  get componentNames(): string[] {
    return this.#components.map(([n]) => n);
  }
  /** The enabled components as `[name, component]` pairs. */
  get pipeline(): [string, Pipe][] {
    return this.#components.filter(([n]) => !this.#disabled.has(n)).map(([n, p]) => [n, p]);
  }
  /** The names of the disabled components. */
  get disabled(): string[] {
    return this.componentNames.filter((n) => this.#disabled.has(n));
  }

  /**
   * The factory name a component was made by.
   *
   * @param name the component name
   * @returns the factory name
   */
  factoryName(name: string): string {
    return this.#find(name)[2];
  }

  /**
   * Create a component with a registered factory and insert it.
   *
   * @param factory the factory name in `registry.factories`
   * @param options name, position and config
   * @returns the component
   * @throws {RangeError} for an unknown factory, a taken name or a bad position
   */
  addPipe(factory: string, options: AddPipeOptions = {}): Pipe {
    const name = options.name ?? factory;
    if (this.#components.some(([n]) => n === name)) {
      throw new RangeError(
        `Component "${name}" already exists (components: ${this.componentNames.join(", ")})`,
      );
    }
    const at = this.#position(options);
    const entry = registry.factories.entry(factory);
    const config = fillFactoryConfig(factory, entry.schema, options.config ?? {});
    const pipe = entry.fn({ ...config, nlp: this, name }) as Pipe;
    if (typeof pipe?.call !== "function") {
      throw new TypeError(
        `Factory "${factory}" did not return a component with a call(doc) method`,
      );
    }
    this.#components.splice(at, 0, [name, pipe, factory]);
    return pipe;
  }

  /**
   * A component by name.
   *
   * @param name the name
   * @returns the component
   * @throws {RangeError} when there is none
   */
  getPipe(name: string): Pipe {
    return this.#find(name)[1];
  }

  /**
   * Whether a component exists.
   *
   * @param name the name
   * @returns true when it does
   */
  hasPipe(name: string): boolean {
    return this.#components.some(([n]) => n === name);
  }

  /**
   * Remove a component.
   *
   * @param name the name
   * @returns `[name, component]`
   * @throws {RangeError} when there is none
   */
  removePipe(name: string): [string, Pipe] {
    const entry = this.#find(name);
    this.#components.splice(this.#components.indexOf(entry), 1);
    this.#disabled.delete(name);
    return [entry[0], entry[1]];
  }

  /**
   * Rename a component.
   *
   * @param oldName the current name
   * @param newName the new name
   * @throws {RangeError} when the old name is unknown or the new one taken
   */
  renamePipe(oldName: string, newName: string): void {
    if (this.hasPipe(newName)) throw new RangeError(`Component "${newName}" already exists`);
    const entry = this.#find(oldName);
    entry[0] = newName;
    if (this.#disabled.delete(oldName)) this.#disabled.add(newName);
  }

  /**
   * Disable a component (it stays in the pipeline, unused).
   *
   * @param name the name
   */
  disablePipe(name: string): void {
    this.#find(name);
    this.#disabled.add(name);
  }

  /**
   * Enable a disabled component.
   *
   * @param name the name
   */
  enablePipe(name: string): void {
    this.#find(name);
    this.#disabled.delete(name);
  }

  /**
   * Disable components for a while: name those to keep (`enable`) or those to
   * disable (`disable`).
   *
   * @param options `enable` or `disable` (names)
   * @returns a handle whose `restore()` re-enables them
   * @throws {TypeError} unless exactly one of `enable`/`disable` is given, or when they conflict
   */
  selectPipes(options: { enable?: string | string[]; disable?: string | string[] }): DisabledPipes {
    const list = (
      v: string | string[] | undefined,
    ) => (v === undefined ? undefined : typeof v === "string" ? [v] : v);
    const enable = list(options.enable);
    const disable = list(options.disable);
    if (enable === undefined && disable === undefined) {
      throw new TypeError("selectPipes() needs `enable` or `disable`");
    }
    for (const n of [...(enable ?? []), ...(disable ?? [])]) this.#find(n);
    const toDisable = disable ?? this.pipeNames.filter((n) => !enable!.includes(n));
    if (
      enable && disable && this.pipeNames.some((n) => !enable.includes(n) !== disable.includes(n))
    ) {
      throw new TypeError("selectPipes(): `enable` and `disable` conflict");
    }
    const names = toDisable.filter((n) => !this.#disabled.has(n));
    for (const n of names) this.#disabled.add(n);
    return { names, restore: () => names.forEach((n) => this.#disabled.delete(n)) };
  }

  #find(name: string): [string, Pipe, string] {
    const entry = this.#components.find(([n]) => n === name);
    if (!entry) {
      throw new RangeError(
        `No component "${name}" (components: ${this.componentNames.join(", ") || "none"})`,
      );
    }
    return entry;
  }

  #position(o: AddPipeOptions): number {
    const given = [
      o.before !== undefined,
      o.after !== undefined,
      o.first === true,
      o.last === true,
    ];
    if (given.filter(Boolean).length > 1) {
      throw new RangeError("addPipe(): give only one of before, after, first, last");
    }
    const index = (ref: string | number) => {
      if (typeof ref === "number") {
        if (!Number.isInteger(ref) || ref < 0 || ref >= this.#components.length) {
          throw new RangeError(
            `addPipe(): index ${ref} is out of range for ${this.#components.length} components`,
          );
        }
        return ref;
      }
      return this.#components.indexOf(this.#find(ref));
    };
    if (o.first) return 0;
    if (o.before !== undefined) return index(o.before);
    if (o.after !== undefined) return index(o.after) + 1;
    return this.#components.length;
  }
}
