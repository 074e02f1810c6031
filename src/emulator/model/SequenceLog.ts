/**
 * An append-only list in insertion order where every item carries a strictly increasing
 * sequence number. It backs ListIdentities (one million identities per pool) and
 * ListIdentityPools, whose NextToken is "the last sequence number returned" (docs/service-behaviour.md §10
 * [EMULATOR]).
 *
 * Cost, honestly:
 * - append: O(1) amortised.
 * - resuming a page: O(log n) binary search for the first sequence number after the token's,
 *   which stays correct when the item the token names has been deleted or compacted away.
 * - a page: O(page + skipped), where `skipped` counts the tombstones (and, for HideDisabled,
 *   the disabled identities) between the resume point and the end of the page. Deletions leave
 *   tombstones instead of splicing (O(n) each); `released()` compacts once at least
 *   COMPACT_MIN tombstones make up a quarter of the array, so compaction is O(1) amortised per
 *   deletion and a page never skips more than a quarter of the array's slots (in practice far
 *   fewer: tombstones are spread over the whole list).
 * Inserts only append and deletes never renumber, so a page after a token never repeats an
 * item and never skips an item that existed throughout.
 */
const COMPACT_MIN = 1024

export interface Page<T> {
  readonly items: ReadonlyArray<T>
  /** True when at least one more accepted item follows the page. */
  readonly more: boolean
}

export class SequenceLog<T extends { readonly seq: number }> {
  #items: Array<T> = []
  #dead = 0
  #nextSeq: number
  readonly #isLive: (item: T) => boolean

  constructor(isLive: (item: T) => boolean, nextSeq = 1) {
    this.#isLive = isLive
    this.#nextSeq = nextSeq
  }

  /** The sequence number the next append will get (persisted, so tokens survive a restart). */
  get nextSeq(): number {
    return this.#nextSeq
  }

  get liveCount(): number {
    return this.#items.length - this.#dead
  }

  /** Slots in use, tombstones included (diagnostics: shows when compaction happened). */
  get slotCount(): number {
    return this.#items.length
  }

  append<U extends T>(build: (seq: number) => U): U {
    const item = build(this.#nextSeq)
    this.#nextSeq += 1
    this.#items.push(item)
    return item
  }

  /** Re-inserts a persisted item; false when it would break the increasing order. */
  restore(item: T): boolean {
    const last = this.#items[this.#items.length - 1]
    if ((last !== undefined && item.seq <= last.seq) || item.seq >= this.#nextSeq) return false
    this.#items.push(item)
    return true
  }

  /**
   * Re-inserts a persisted item wherever its sequence number belongs (the state file's journal:
   * an item created while a snapshot was being written may arrive after a later one). Appending
   * is the usual case; anything else is a binary search and a splice. False when an item with
   * that sequence number is already there.
   */
  insertRestored(item: T): boolean {
    this.advanceTo(item.seq + 1)
    const last = this.#items[this.#items.length - 1]
    if (last === undefined || last.seq < item.seq) {
      this.#items.push(item)
      return true
    }
    const index = this.#firstAfter(item.seq - 1)
    if (this.#items[index]?.seq === item.seq) return false
    if (index === this.#items.length) this.#items.push(item)
    else this.#items.splice(index, 0, item)
    return true
  }

  /** Raises the next sequence number to at least `nextSeq` (never lowers it). */
  advanceTo(nextSeq: number): void {
    if (nextSeq > this.#nextSeq) this.#nextSeq = nextSeq
  }

  /** Call once each time an item stops being live. */
  released(): void {
    this.#dead += 1
    if (this.#dead >= COMPACT_MIN && this.#dead * 4 >= this.#items.length) this.compact()
  }

  compact(): void {
    this.#items = this.#items.filter(this.#isLive)
    this.#dead = 0
  }

  /** Index of the first item whose sequence number is greater than `after`. */
  #firstAfter(after: number): number {
    let low = 0
    let high = this.#items.length
    while (low < high) {
      const middle = (low + high) >>> 1
      const item = this.#items[middle]
      if (item !== undefined && item.seq <= after) low = middle + 1
      else high = middle
    }
    return low
  }

  page(after: number | undefined, limit: number, accept: (item: T) => boolean): Page<T> {
    const items: Array<T> = []
    const all = this.#items
    let index = after === undefined ? 0 : this.#firstAfter(after)
    for (; index < all.length && items.length < limit; index++) {
      const item = all[index]
      if (item !== undefined && this.#isLive(item) && accept(item)) items.push(item)
    }
    // Look ahead for one more accepted item so that the last page carries no NextToken.
    for (; index < all.length; index++) {
      const item = all[index]
      if (item !== undefined && this.#isLive(item) && accept(item)) return { items, more: true }
    }
    return { items, more: false }
  }

  *live(): IterableIterator<T> {
    for (const item of this.#items) if (this.#isLive(item)) yield item
  }
}
