/**
 * CI runs the integration, CLI and Node transport suites again under Node 22 and 24 (binaries
 * from test/runtimes' package) with EXPECT_NODE_MAJOR set: this proves the test processes, and
 * the CLI processes they spawn with `process.execPath`, really ran on that line and not on the
 * machine's default Node.
 */
import { spawnSync } from "node:child_process"
import { describe, expect, it } from "vitest"

const expected = process.env["EXPECT_NODE_MAJOR"]

describe.skipIf(expected === undefined)(`the Node line CI asked for (${expected})`, () => {
  it("is the test process's and its children's", () => {
    expect(process.versions.node.split(".")[0]).toBe(expected)
    const child = spawnSync(process.execPath, ["-p", "process.versions.node"], { encoding: "utf8" })
    expect(child.stdout.trim().split(".")[0]).toBe(expected)
  })
})
