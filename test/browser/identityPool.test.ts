/**
 * The browser example (examples/browserIdentityPool.ts) as users ship it: bundled with esbuild
 * from an application that installed the packed package, served from a page on one loopback
 * origin, run in headless Chromium against the emulator's HTTP server on another origin (CORS
 * pre-flights and all). Guest credentials from the identity pool, a signed call with them, the
 * identity kept across a reload through localStorage, and sign-out forgetting it; what the page
 * shows, what went over the wire, and that no long-term AWS key is in the page. The screenshot
 * is saved under .tmp/artifacts/browser/ (git-ignored).
 */
import { mkdir, readFile } from "node:fs/promises"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { FetchHttpClient } from "@effect/platform"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { build } from "esbuild"
import { Effect, Exit, Layer, Scope } from "effect"
import { AwsCredentials, CognitoIdentity, CognitoIdentityClient } from "effect-cognito-identity"
import { Emulator, type EmulatorService } from "effect-cognito-identity/emulator"
import type { Browser, Page, Request } from "playwright-core"
import { describeRun, makeScratchApp, repoRoot, type ScratchApp } from "../packaging/scratchApp.js"
import { requirePeer } from "../support/peers.js"
import { chromiumPath, hasChromium, INSTALL_CHROMIUM, launchChromium } from "./chromium.js"
import { type PageServer, servePage } from "./pageServer.js"

const present = hasChromium()
requirePeer(present, `Chromium at ${chromiumPath} (${INSTALL_CHROMIUM})`)
if (!present) {
  console.warn(`Chromium is not installed here (${chromiumPath}), so the browser test is skipped (install it with: ${INSTALL_CHROMIUM}); CI runs it.`)
}

const EXAMPLE = fileURLToPath(new URL("../../examples/browserIdentityPool.ts", import.meta.url))
/** The credentials layer the page is built on, as its own README example. */
const CREDENTIALS = fileURLToPath(new URL("../../examples/identityPoolCredentials.ts", import.meta.url))
const ARTIFACTS = join(repoRoot, ".tmp", "artifacts", "browser")
const ADMIN_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
const ADMIN_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
/** A long-term access key id: what must never be in a page. */
const LONG_TERM_KEY = /\b(AKIA|ABIA|ACCA)[A-Z0-9]{16}\b/

interface WireCall {
  readonly method: string
  readonly target: string | undefined
  readonly authorization: string | undefined
  readonly securityToken: string | undefined
  readonly origin: string | undefined
}

let scope: Scope.CloseableScope
let emulator: EmulatorService
let emulatorUrl: string
let poolId: string
let app: ScratchApp | undefined
let bundle: string
let pageServer: PageServer | undefined
let browser: Browser | undefined
let page: Page
const wire: Array<WireCall> = []
const pageErrors: Array<string> = []

/** The pool the page uses: guests allowed, with a role for them. Made by an admin over HTTP. */
const createPool = (url: string) =>
  Effect.gen(function*() {
    const pool = yield* CognitoIdentity.createIdentityPool({ IdentityPoolName: "web page", AllowUnauthenticatedIdentities: true })
    yield* CognitoIdentity.setIdentityPoolRoles({
      IdentityPoolId: pool.IdentityPoolId,
      Roles: { unauthenticated: "arn:aws:iam::123456789012:role/WebGuests" }
    })
    return pool.IdentityPoolId
  }).pipe(Effect.provide(Layer.mergeAll(
    CognitoIdentityClient.layer({ region: "us-east-1", endpoint: url }).pipe(Layer.provide(FetchHttpClient.layer)),
    AwsCredentials.static({ accessKeyId: ADMIN_ACCESS_KEY, secretAccessKey: ADMIN_SECRET_KEY })
  )))

beforeAll(async () => {
  if (!present) return
  scope = Effect.runSync(Scope.make())
  const served = await Effect.runPromise(Scope.extend(Emulator.serve({ port: 0 }), scope))
  emulator = served.emulator
  emulatorUrl = served.url
  poolId = await Effect.runPromise(createPool(served.url))
  emulator.resetStats()

  // The application: the packed package installed from its tarball, the example as its page script.
  app = await makeScratchApp({ dependencies: { effect: "3.22.2", "@effect/platform": "0.97.2" }, files: [EXAMPLE, CREDENTIALS] })
  expect(app.install.code, describeRun("npm install", app.install)).toBe(0)
  await build({
    absWorkingDir: app.dir,
    entryPoints: ["browserIdentityPool.ts"],
    bundle: true,
    format: "esm",
    platform: "browser",
    minify: true,
    outfile: "app.js",
    logLevel: "silent"
  })
  bundle = await readFile(join(app.dir, "app.js"), "utf8")
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Identity pool example</title><link rel="icon" href="data:,">
<meta name="cognito-identity-pool-id" content="${poolId}">
<meta name="cognito-identity-endpoint" content="${emulatorUrl}">
<script type="module" src="/app.js"></script></head><body><h1>Identity pool example</h1></body></html>`
  pageServer = await servePage({
    "/index.html": { type: "text/html; charset=utf-8", body: html },
    "/app.js": { type: "text/javascript; charset=utf-8", body: bundle }
  })

  browser = await launchChromium()
  page = await browser.newPage()
  page.on("pageerror", (error) => pageErrors.push(String(error)))
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(message.text())
  })
  page.on("request", (request: Request) => {
    if (!request.url().startsWith(emulatorUrl)) return
    void request.allHeaders().then((headers) =>
      wire.push({
        method: request.method(),
        target: headers["x-amz-target"],
        authorization: headers["authorization"],
        securityToken: headers["x-amz-security-token"],
        origin: headers["origin"]
      })
    )
  })
}, 600_000)

afterAll(async () => {
  await browser?.close()
  await pageServer?.close()
  if (scope !== undefined) await Effect.runPromise(Scope.close(scope, Exit.void))
  await app?.remove()
})

const operations = () => emulator.stats().operations
const requests = (operation: string) => operations()[operation]?.requests ?? 0

/** Waits for the page to show its identity, and returns it. */
const shownIdentity = async (): Promise<string> => {
  await page.waitForSelector("main[data-ready=true]", { timeout: 60_000 })
  const text = (await page.textContent("#identity")) ?? ""
  const match = /^guest identity (us-east-1:[0-9a-f-]{36})$/.exec(text)
  expect(match, `the page shows: ${text}`).not.toBeNull()
  return match?.[1] ?? ""
}

const storedIdentityIds = (): Promise<ReadonlyArray<string>> =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("effect-cognito-identity.")).map((key) => localStorage.getItem(key) ?? ""))

describe.skipIf(!present)("the identity pool page in headless Chromium", () => {
  let firstIdentity = ""

  it("gets guest credentials from the pool with unsigned calls and shows the identity", async () => {
    await page.goto(`${pageServer?.url}/`)
    firstIdentity = await shownIdentity()
    expect(await page.textContent("#credentials")).toMatch(/^temporary credentials ASIA…[A-Z0-9]{4}, expire \d{4}-\d\d-\d\dT/)
    expect(await storedIdentityIds()).toEqual([firstIdentity])
    expect(requests("GetId")).toBe(1)
    expect(requests("GetCredentialsForIdentity")).toBe(1)
  })

  it("makes a signed call with the temporary credentials", async () => {
    await page.click("#signed-call")
    await page.waitForFunction(() => document.querySelector("#result")?.textContent?.startsWith("DescribeIdentity"), undefined, { timeout: 60_000 })
    expect(await page.textContent("#result")).toMatch(
      new RegExp(`^DescribeIdentity ${firstIdentity}: created \\d{4}-\\d\\d-\\d\\dT.*, logins: none \\(guest\\)$`)
    )
    expect(operations()["DescribeIdentity"]?.outcomes).toEqual({ Success: 1 })
    await mkdir(ARTIFACTS, { recursive: true })
    await page.screenshot({ path: join(ARTIFACTS, "identity-pool.png"), fullPage: true })
  })

  it("keeps the identity across a reload (localStorage): no second GetId", async () => {
    await page.reload()
    expect(await shownIdentity()).toBe(firstIdentity)
    expect(requests("GetId")).toBe(1)
    expect(requests("GetCredentialsForIdentity")).toBe(2)
  })

  it("forgets the identity at sign-out: the next visit is a new guest", async () => {
    await page.click("#sign-out")
    await page.waitForFunction(() => document.querySelector("#identity")?.textContent === "signed out: identity forgotten", undefined, {
      timeout: 60_000
    })
    expect(await storedIdentityIds()).toEqual([])
    await page.reload()
    const second = await shownIdentity()
    expect(second).not.toBe(firstIdentity)
    expect(await storedIdentityIds()).toEqual([second])
    expect(requests("GetId")).toBe(2)
    expect(requests("GetCredentialsForIdentity")).toBe(3)
  })

  it("sent unsigned calls for the credentials, a signed one with them, across origins", async () => {
    const posts = wire.filter((call) => call.method === "POST")
    const byTarget = (operation: string) => posts.filter((call) => call.target === `AWSCognitoIdentityService.${operation}`)
    expect(byTarget("GetId")).toHaveLength(2)
    expect(byTarget("GetCredentialsForIdentity")).toHaveLength(3)
    expect(byTarget("DescribeIdentity")).toHaveLength(1)
    expect(posts).toHaveLength(6)
    for (const call of [...byTarget("GetId"), ...byTarget("GetCredentialsForIdentity")]) {
      expect(call.authorization).toBeUndefined()
      expect(call.securityToken).toBeUndefined()
    }
    const [signed] = byTarget("DescribeIdentity")
    expect(signed?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIA[A-Z0-9]{16}\/\d{8}\/us-east-1\/cognito-identity\/aws4_request, /)
    expect(signed?.securityToken).toMatch(/\S{20,}/)
    // Cross-origin: the page's origin went with every call, and the browser pre-flighted them.
    expect(new Set(posts.map((call) => call.origin))).toEqual(new Set([pageServer?.url]))
    const unrouted = operations()["(none)"]
    expect(unrouted?.requests).toBeGreaterThan(0)
    expect(unrouted?.outcomes).toEqual({ Preflight: unrouted?.requests })
    expect(Object.keys(operations()).sort()).toEqual(["(none)", "DescribeIdentity", "GetCredentialsForIdentity", "GetId"])
    expect(pageErrors).toEqual([])
  })

  it("holds no long-term AWS key, nor the temporary secret parts, in the page", async () => {
    const sessionToken = wire.find((call) => call.securityToken !== undefined)?.securityToken ?? ""
    expect(sessionToken).not.toBe("")
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))
    for (const [what, text] of [["the bundle", bundle], ["the page", await page.content()], ["web storage", storage]] as const) {
      expect(text, what).not.toMatch(LONG_TERM_KEY)
      expect(text.includes(ADMIN_SECRET_KEY), what).toBe(false)
      expect(text.includes(sessionToken), what).toBe(false)
    }
  })
})
