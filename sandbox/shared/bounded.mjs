// Memory that grows with requests, kept bounded: the one way the sandbox's stores and the demo backend's
// in-memory "database" forget. Each map keeps at most a number of entries, forgetting first those its owner calls
// stale (an expired token or session) and then the oldest added; each log keeps its last entries.
// @ts-check

/** How many entries each of the sandbox's stores keeps (tokens, customers, transactions, sessions …). */
export const SANDBOX_MAX_ENTRIES = 10_000;

/**
 * How many cards a customer keeps (PekoPay's and Paiwise's): saving another forgets the oldest that is not the
 * default, so that no customer's list grows without end.
 */
export const MAX_SAVED_CARDS = 20;

/**
 * A Map that keeps at most `max` entries. Adding a new key past that forgets the stale entries (`isStale`), then
 * the oldest added; stale entries are also swept every `max / 10` additions, so that they go well before the map
 * is full. `onForget` hears of each entry forgotten so (not of `delete` or `clear`).
 * @template K, V
 * @extends {Map<K, V>}
 */
export class BoundedMap extends Map {
  #max;
  #isStale;
  #onForget;
  #addedSinceSweep = 0;

  /**
   * @param {{ max: number, isStale?: (value: V, key: K) => boolean, onForget?: (value: V, key: K) => void }} options
   */
  constructor({ max, isStale, onForget }) {
    super();
    if (!Number.isInteger(max) || max < 1) throw new TypeError(`BoundedMap: max must be a whole number above 0, not ${max}`);
    this.#max = max;
    this.#isStale = isStale;
    this.#onForget = onForget;
  }

  /** The most entries it keeps. */
  get max() {
    return this.#max;
  }

  /**
   * @override
   * @param {K} key
   * @param {V} value
   */
  set(key, value) {
    const added = !this.has(key);
    super.set(key, value);
    if (!added) return this;
    if (++this.#addedSinceSweep >= Math.ceil(this.#max / 10) || this.size > this.#max) this.sweep();
    for (const [oldest, forgotten] of this) {
      if (this.size <= this.#max) break;
      this.#forget(oldest, forgotten);
    }
    return this;
  }

  /** Forgets the stale entries now. */
  sweep() {
    this.#addedSinceSweep = 0;
    if (!this.#isStale) return;
    for (const [key, value] of this) if (this.#isStale(value, key)) this.#forget(key, value);
  }

  /**
   * @param {K} key
   * @param {V} value
   */
  #forget(key, value) {
    this.delete(key);
    this.#onForget?.(value, key);
  }
}

/**
 * Drops the first entries of `list` so that at most `max` are left (a log that keeps its last entries). With
 * `mayForget`, only the entries it allows are dropped, the first of them first (a customer's saved cards keep
 * the default one, however old).
 * @template T
 * @param {T[]} list
 * @param {number} max
 * @param {(entry: T) => boolean} [mayForget]
 */
export function keepLast(list, max, mayForget = () => true) {
  for (let index = 0; list.length > max && index < list.length;) {
    if (mayForget(/** @type {T} */ (list[index]))) list.splice(index, 1);
    else index += 1;
  }
}
