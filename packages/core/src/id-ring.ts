/**
 * The memory dedupe store's table (internal): event ids in a ring of `capacity` entries, the oldest
 * first out, found through an open-addressing hash table with linear probing. Everything but the id
 * strings lives in typed arrays allocated once, so a lookup touches one 8-byte slot per probe, compares
 * 32-bit hashes before any string, and nothing is allocated per id.
 *
 * Why not a `Map`: at 100 000 string keys, every `Map` lookup walks a bucket chain whose keys are
 * strings scattered over about 10 MB (each compare reads one), and the store needs three lookups per
 * event (claim, insert, commit) plus the deletes of eviction. Claim + commit of a new id measured
 * 0.35 µs with a `Map` nearly empty and 0.85 µs once full, the cost of cache misses; this table costs
 * the same at any fill, 0.4–0.7 µs here across runs (`pnpm bench`, table 5b). The slot table is at most half full,
 * so a probe ends after about two slots on average; a removal shifts the following slots back (no
 * tombstones), so the table never degrades however many ids have passed through it.
 */

/**
 * A ring of ids with their state, found by hash (see the module comment). A class on purpose: its
 * methods stay one target for V8 however many stores a process creates, so they inline.
 */
export class IdRing {
  /** Ids held (at most `capacity`). */
  size = 0;
  /** Per entry: until when (in the store's clock) the claim or processed mark holds. */
  readonly until: Float64Array;
  /** Per entry: 1 once processed, 0 while claimed. */
  readonly processed: Uint8Array;
  readonly #capacity: number;
  readonly #mask: number;
  /** Slot i: `slots[2i]` = the id's hash, `slots[2i + 1]` = its entry + 1 (0: the slot is free). */
  readonly #slots: Int32Array;
  readonly #keys: Array<string | undefined>;
  readonly #hashes: Int32Array;
  /** A random seed per ring: ids come from signed bodies, but nobody should be able to pick colliding ones. */
  readonly #seed = (Math.random() * 0x100000000) | 0;
  /** The entry the next new id takes (the oldest one once the ring is full). */
  #next = 0;

  /** A ring of `capacity` entries (at least 1). */
  constructor(capacity: number) {
    let tableSize = 8;
    while (tableSize < capacity * 2) tableSize *= 2;
    this.#capacity = capacity;
    this.#mask = tableSize - 1;
    // Written once now, so that the pages are mapped at creation: left to the first ids that land on
    // them, page faults doubled the cost of a claim in a new store (the slots are hit at random).
    this.#slots = new Int32Array(tableSize * 2).fill(0);
    this.#keys = new Array<string | undefined>(capacity).fill(undefined);
    this.#hashes = new Int32Array(capacity);
    this.until = new Float64Array(capacity);
    this.processed = new Uint8Array(capacity);
  }

  /** The hash of `id` in this ring. */
  hash(id: string): number {
    let h = 0x811c9dc5 ^ this.#seed;
    for (let index = 0; index < id.length; index++) h = Math.imul(h ^ id.charCodeAt(index), 0x01000193);
    // FNV-1a mixes its low bits poorly; the slot index is the low bits, so finish with a mixer.
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    return h ^ (h >>> 13);
  }

  /** The entry holding `id` (whose hash is `hash`), or -1. */
  find(id: string, hash: number): number {
    const slots = this.#slots;
    const mask = this.#mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[2 * slot + 1]!;
      if (entry === 0) return -1;
      if (slots[2 * slot] === hash && this.#keys[entry - 1] === id) return entry - 1;
    }
  }

  /** Whether `entry` holds `id` right now (an entry is reused once its id is evicted). */
  holds(entry: number, id: string): boolean {
    return this.#keys[entry] === id;
  }

  /** Adds an id that `find` did not find; returns its entry. When full, the oldest id is dropped first. */
  add(id: string, hash: number): number {
    const entry = this.#next;
    this.#next = entry + 1 === this.#capacity ? 0 : entry + 1;
    if (this.size === this.#capacity) this.#drop(entry);
    else this.size++;
    this.#keys[entry] = id;
    this.#hashes[entry] = hash;
    const slots = this.#slots;
    const mask = this.#mask;
    let slot = hash & mask;
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    slots[2 * slot] = hash;
    slots[2 * slot + 1] = entry + 1;
    return entry;
  }

  /** Drops the id of `entry` from the table: frees its slot and shifts back the slots after it that probed past it. */
  #drop(entry: number): void {
    const slots = this.#slots;
    const mask = this.#mask;
    let hole = this.#hashes[entry]! & mask;
    while (slots[2 * hole + 1] !== entry + 1) hole = (hole + 1) & mask;
    for (let probe = (hole + 1) & mask; ; probe = (probe + 1) & mask) {
      const held = slots[2 * probe + 1]!;
      if (held === 0) break;
      const home = slots[2 * probe]! & mask;
      // The id at `probe` may move into the hole when its home slot is not between the hole and it.
      if (((probe - home) & mask) >= ((probe - hole) & mask)) {
        slots[2 * hole] = slots[2 * probe]!;
        slots[2 * hole + 1] = held;
        hole = probe;
      }
    }
    slots[2 * hole + 1] = 0;
  }
}
