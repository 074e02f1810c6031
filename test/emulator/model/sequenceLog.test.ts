import { describe, expect, it } from "vitest"
import { SequenceLog } from "../../../src/emulator/model/SequenceLog.js"

interface Item {
  readonly seq: number
  dead: boolean
}

describe("SequenceLog", () => {
  it("compacts tombstones and still resumes after a sequence number that is gone", () => {
    const log = new SequenceLog<Item>((item) => !item.dead)
    const items = Array.from({ length: 4000 }, () => log.append((seq): Item => ({ seq, dead: false })))
    const first = log.page(undefined, 10, () => true)
    const anchor = first.items[first.items.length - 1]?.seq ?? -1
    // Kill the anchor and everything up to item 2000: enough tombstones to compact.
    for (const item of items.slice(9, 2000)) {
      item.dead = true
      log.released()
    }
    expect(log.liveCount).toBe(4000 - 1991)
    // Compacted once, when the 1,024th tombstone made up a quarter of the 4,000 slots; the 967
    // later tombstones stay below the minimum.
    expect(log.slotCount).toBe(4000 - 1024)
    const next = log.page(anchor, 5, () => true)
    expect(next.items.map((item) => item.seq)).toEqual([2001, 2002, 2003, 2004, 2005])
    expect(next.more).toBe(true)
    expect([...log.live()]).toHaveLength(2009)
    expect(log.page(4000, 5, () => true)).toEqual({ items: [], more: false })
    expect(log.page(3995, 5, () => true)).toEqual({ items: items.slice(3995), more: false })
  })

  it("does not compact below the minimum number of tombstones", () => {
    const log = new SequenceLog<Item>((item) => !item.dead)
    const items = Array.from({ length: 100 }, () => log.append((seq): Item => ({ seq, dead: false })))
    for (const item of items.slice(0, 90)) {
      item.dead = true
      log.released()
    }
    expect(log.slotCount).toBe(100)
    expect(log.page(undefined, 60, () => true).items.map((item) => item.seq)).toEqual(items.slice(90).map((item) => item.seq))
  })

  it("refuses restoring out of order", () => {
    const log = new SequenceLog<Item>((item) => !item.dead, 10)
    expect(log.restore({ seq: 3, dead: false })).toBe(true)
    expect(log.restore({ seq: 3, dead: false })).toBe(false)
    expect(log.restore({ seq: 10, dead: false })).toBe(false)
    expect(log.append((seq): Item => ({ seq, dead: false })).seq).toBe(10)
  })
})
