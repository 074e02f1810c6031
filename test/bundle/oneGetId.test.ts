/**
 * What a browser program that calls GetId alone bundles of this package: GetId's descriptor
 * and no other operation's, and no signing code (the signer, SHA-256, @noble/hashes), since
 * GetId is sent unsigned. Built from the sources, the package's subpaths resolved through its
 * `exports` map (`dist/X.js` → `src/X.ts`), and read from the bundler's own module list.
 *
 * Two bundlers, each the way its users import:
 * - esbuild, with the `effect-cognito-identity/CognitoIdentity` subpath imported as a
 *   namespace (`import * as CognitoIdentity`). esbuild cannot tree-shake a namespace that a
 *   package re-exports (`export * as CognitoIdentity` in the root index, then
 *   `import { CognitoIdentity }`): it builds the namespace object, which holds every export
 *   (evanw/esbuild#1420). That is why the README points esbuild users at the subpath.
 * - Vite (Rollup), with the root import `import { CognitoIdentity } from "effect-cognito-identity"`:
 *   Rollup follows member accesses through re-exported namespaces.
 *
 * A signed one-DescribeIdentityPool program is built too, so that the check is seen to find
 * the signer where it belongs.
 *
 * The esbuild bundle is also checked for what a GetId call never reaches and tree-shaking used
 * to keep: `RetryPolicy`'s static layers (the operations read the policy through
 * `RetryPolicyReference`), and error classes GetId cannot fail with (kept while the fields of
 * `CredentialsError` were calls not marked pure). A program that names `RetryPolicy` does get
 * its layers, so that their absence is seen to be detectable.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import * as esbuild from "esbuild"
import { build as viteBuild, type Rollup } from "vite"
import { describe, expect, it } from "vitest"

const ROOT = path.resolve(import.meta.dirname, "../..")

/** `effect-cognito-identity[/subpath]` → the source module its `exports` entry is built from. */
const sourceOf: ReadonlyMap<string, string> = new Map(
  Object.entries(
    (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      exports: Record<string, string | { default?: string }>
    }).exports
  ).flatMap(([subpath, target]) => {
    const file = typeof target === "string" ? target : target.default
    if (file === undefined || !file.startsWith("./dist/")) return []
    const name = subpath === "." ? "effect-cognito-identity" : `effect-cognito-identity${subpath.slice(1)}`
    return [[name, path.join(ROOT, "src", file.slice("./dist/".length).replace(/\.js$/, ".ts"))] as const]
  })
)

const program = (imports: string, call: string) =>
  `${imports}
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

const client = CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(FetchHttpClient.layer))
${call}.pipe(Effect.provide(client), Effect.runPromise).then(console.log)
`

const getId = `CognitoIdentity.getId({ IdentityPoolId: "us-east-1:7c1e9b2d-4f0a-4b3a-9e8f-000000000060" })`

/** Modules of this package in the bundle, as paths under src/ (`operations/GetId.ts`). */
const ours = (files: ReadonlyArray<string>) =>
  files
    .map((file) => path.relative(path.join(ROOT, "src"), path.resolve(ROOT, file)))
    .filter((file) => !file.startsWith(".."))
    .sort()

const operations = (files: ReadonlyArray<string>) => files.filter((file) => file.startsWith("operations/"))

/** The project's signing modules and the hash library they use (any path form). */
const signing = (files: ReadonlyArray<string>) => files.filter((file) => /src\/protocol\/(sign|sigv4|Sha256)\.ts$|@noble\/hashes/.test(file))

/** A bundle: every input file the bundler kept at least one byte of, and the output. */
interface Bundle {
  readonly files: ReadonlyArray<string>
  readonly code: string
}

/** Bundled by esbuild, minified. */
const bundleWithEsbuild = async (source: string): Promise<Bundle> => {
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir: ROOT, sourcefile: "program.mjs", loader: "js" },
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [{
      name: "package-sources",
      setup(build) {
        build.onResolve({ filter: /^effect-cognito-identity(\/.*)?$/ }, (args) => {
          const file = sourceOf.get(args.path)
          return file === undefined ? { errors: [{ text: `no exports entry for ${args.path}` }] } : { path: file }
        })
      }
    }]
  })
  return {
    files: Object.values(result.metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([file]) => file)
    ),
    code: result.outputFiles.map((file) => file.text).join("\n")
  }
}

/** Every module Rollup rendered code of, in a production Vite build. */
const bundleWithVite = async (source: string): Promise<Array<string>> => {
  const entry = "\0one-call-program"
  const output = await viteBuild({
    root: ROOT,
    configFile: false,
    logLevel: "silent",
    resolve: { alias: [...sourceOf].map(([find, replacement]) => ({ find: new RegExp(`^${find}$`), replacement })) },
    plugins: [{
      name: "program",
      resolveId: (id) => (id === entry ? id : undefined),
      load: (id) => (id === entry ? source : undefined)
    }],
    build: { write: false, minify: "esbuild", modulePreload: false, rollupOptions: { input: entry } }
  })
  const results = (Array.isArray(output) ? output : [output]) as Array<Rollup.RollupOutput>
  return results.flatMap((result) =>
    result.output.flatMap((chunk) =>
      chunk.type === "chunk"
        ? Object.entries(chunk.modules).filter(([, module]) => module.renderedLength > 0).map(([file]) => file)
        : []
    )
  )
}

const subpathImports = `import * as CognitoIdentity from "effect-cognito-identity/CognitoIdentity"
import { CognitoIdentityClient } from "effect-cognito-identity/CognitoIdentityClient"`

/**
 * What only a policy other than the default needs: `RetryPolicy`'s class (its static layers),
 * the adaptive limiter, the schedule policy, and the retry settings read from the environment.
 * The operations read the policy through `RetryPolicyReference`, which has none of them.
 */
const nonDefaultRetry = (files: ReadonlyArray<string>) =>
  files.filter((file) =>
    /src\/(layers\/RetryPolicy|protocol\/retry\/(SendRateLimiter|schedulePolicy|retryConfig|policyFromSettings))\.ts$/.test(file)
  )

/**
 * Error tags that a minified bundle keeps as string literals, of errors a GetId call cannot fail
 * with (no credentials are read, and these are not among GetId's errors); and the names of the
 * retry settings, which only `RetryPolicy.layerConfig` reads.
 */
const absentFromGetId = [
  "CredentialsError",
  "LoginsError",
  "ConcurrentModificationException",
  "DeveloperUserAlreadyRegisteredException",
  "AWS_MAX_ATTEMPTS",
  "AWS_RETRY_MODE"
]

describe("a browser program calling GetId alone", () => {
  it("bundles with esbuild (subpath import) with GetId's descriptor only and no signing code", async () => {
    const { files: all } = await bundleWithEsbuild(program(subpathImports, getId))
    const files = ours(all)
    expect(files).toContain("CognitoIdentity.ts")
    expect(operations(files)).toEqual(["operations/GetId.ts"])
    expect(signing(all)).toEqual([])
  })

  it("bundles with esbuild (subpath import) the default retry policy alone, and no error GetId cannot fail with", async () => {
    const { files, code } = await bundleWithEsbuild(program(subpathImports, getId))
    expect(files).toContain("src/protocol/retry/RetryPolicyReference.ts")
    expect(files).toContain("src/protocol/retry/backoffPolicy.ts")
    expect(nonDefaultRetry(files)).toEqual([])
    // Present in the bundle, so that the absence of the others is seen to be detectable.
    expect(code).toContain("\"NotAuthorizedException\"")
    expect(code).toContain("\"AWS_REGION\"")
    expect(absentFromGetId.filter((text) => code.includes(text))).toEqual([])
  })

  it("bundles RetryPolicy's layers when the program names RetryPolicy", async () => {
    const { files, code } = await bundleWithEsbuild(
      program(
        `${subpathImports}
import { RetryPolicy } from "effect-cognito-identity/RetryPolicy"`,
        `${getId}.pipe(Effect.provide(RetryPolicy.layerAdaptive()))`
      )
    )
    expect(nonDefaultRetry(files)).toEqual(
      expect.arrayContaining(["src/layers/RetryPolicy.ts", "src/protocol/retry/SendRateLimiter.ts"])
    )
    expect(code).toContain("AWS_RETRY_MODE")
  })

  it("bundles with Vite (root import) with GetId's descriptor only and no signing code", async () => {
    const all = await bundleWithVite(
      program(`import { CognitoIdentity, CognitoIdentityClient } from "effect-cognito-identity"`, getId)
    )
    const files = ours(all)
    expect(files).toContain("CognitoIdentity.ts")
    expect(operations(files)).toEqual(["operations/GetId.ts"])
    expect(signing(all)).toEqual([])
  }, 120_000)

  it("is told apart from a signed program, which does bundle the signer", async () => {
    const { files: all } = await bundleWithEsbuild(
      program(
        subpathImports,
        `CognitoIdentity.describeIdentityPool({ IdentityPoolId: "us-east-1:7c1e9b2d-4f0a-4b3a-9e8f-000000000060" })`
      )
    )
    const files = ours(all)
    expect(operations(files)).toEqual(["operations/DescribeIdentityPool.ts"])
    expect(signing(all)).toEqual(expect.arrayContaining(["src/protocol/sign.ts", "src/protocol/sigv4.ts"]))
    expect(signing(all).some((file) => file.includes("@noble/hashes"))).toBe(true)
  })
})
