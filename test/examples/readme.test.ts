/**
 * Every TypeScript block of the README is an example file's code, verbatim (the file without
 * its opening comment), and every example file is shown in the README, or, for a whole program
 * too long to show (the browser page), linked from it. The files are
 * type-checked by `npm run typecheck` (tsconfig includes examples/) and run by the tests
 * beside this one, so the README cannot show code that does not compile or work.
 */
import * as fs from "node:fs"
import { describe, expect, it } from "vitest"

const root = new URL("../../", import.meta.url)
const readme = fs.readFileSync(new URL("README.md", root), "utf8")

const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? "")

/** The file's code: without the doc comment it opens with. */
const codeOf = (text: string): string => text.replace(/^\/\*\*[\s\S]*?\*\/\n/, "")

const examples = fs.readdirSync(new URL("examples/", root))
  .filter((file) => file.endsWith(".ts"))
  .map((file) => ({ file, code: codeOf(fs.readFileSync(new URL(`examples/${file}`, root), "utf8")) }))

describe("the README's TypeScript", () => {
  it("has blocks, and examples to match them", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(9)
    expect(examples.length).toBeGreaterThanOrEqual(9)
  })

  it("every block is an example file, verbatim", () => {
    const unmatched = blocks.filter((block) => !examples.some((example) => example.code === block))
    expect(unmatched.map((block) => block.split("\n").slice(0, 3).join("\n"))).toEqual([])
  })

  it("every example file is shown, or linked", () => {
    const absent = examples.filter((example) =>
      !blocks.includes(example.code) && !readme.includes(`](examples/${example.file})`)
    )
    expect(absent.map((example) => example.file)).toEqual([])
  })
})
