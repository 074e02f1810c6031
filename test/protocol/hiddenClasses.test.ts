/**
 * Objects built on every call keep one hidden class (V8's map) from call to call, so that
 * whatever reads them stays monomorphic and no map is made per call: the request headers of
 * unsigned and signed calls and of a listing's pages, and the emulator's reply headers.
 * On Node 20 an object spread followed by more properties (`{ ...headers, host }`) gives every
 * result a map of its own (`src/protocol/copyWith.ts`); this catches its return.
 *
 * Checked in a real process with `--allow-natives-syntax` (`%HaveSameMap`), on the built
 * dist/, which `npm test` builds first.
 */
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { copyWith } from "../../src/protocol/copyWith.js"

const script = fileURLToPath(new URL("./fixtures/hiddenClasses.mjs", import.meta.url))

describe("copyWith", () => {
  it("copies base's properties, then extra's, extra winning, and leaves both untouched", () => {
    const base = { a: "1", b: "2" }
    const extra = { b: "3", c: "4" }
    const copy = copyWith(base, extra)
    expect(copy).toEqual({ a: "1", b: "3", c: "4" })
    expect(Object.keys(copy)).toEqual(["a", "b", "c"])
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(base).toEqual({ a: "1", b: "2" })
    expect(extra).toEqual({ b: "3", c: "4" })
    expect(copy).not.toBe(base)
  })
})

describe("objects built per call share one hidden class", () => {
  it("request headers (unsigned, signed, pages), emulator reply headers and copies", () => {
    const result = JSON.parse(
      execFileSync(process.execPath, ["--allow-natives-syntax", script], { encoding: "utf8", timeout: 60_000 }).trim()
    )
    expect(result).toEqual({
      unsigned: true,
      signed: true,
      pages: true,
      emulatorReplies: true,
      copies: true
    })
  }, 60_000)
})
