/**
 * `effect-cognito-identity/node` loads undici (~110 files, 150–250 ms as installed) only when
 * an `UndiciHttpClient` layer is built, and the SDK's INI loader only when a profile is read:
 * a program that imports the entry point for `NodeHttpClient` pays for neither at start-up.
 * Checked in a real process (the built dist/, which `npm test` builds first), with module
 * hooks reporting every URL the loader resolves.
 */
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const script = fileURLToPath(new URL("./fixtures/loadedModules.mjs", import.meta.url))

const run = (step: string): { afterImport: { undici: boolean; ini: boolean }; afterStep: { undici: boolean; ini: boolean } } =>
  JSON.parse(execFileSync(process.execPath, [script, step], { encoding: "utf8", timeout: 60_000 }).trim())

describe("effect-cognito-identity/node loads its heavy dependencies on first use", () => {
  it("importing it loads neither undici nor the INI loader; building UndiciHttpClient.layer loads undici", () => {
    const { afterImport, afterStep } = run("undici")
    expect(afterImport).toEqual({ undici: false, ini: false })
    expect(afterStep).toEqual({ undici: true, ini: false })
  }, 60_000)

  it("reading a profile loads the INI loader", () => {
    const { afterImport, afterStep } = run("ini")
    expect(afterImport).toEqual({ undici: false, ini: false })
    expect(afterStep).toEqual({ undici: false, ini: true })
  }, 60_000)
})
