/**
 * README credentials: a web page that gets AWS credentials from an identity pool with the
 * unsigned operations (no AWS keys in the page), makes a signed call with them, keeps its
 * identity across visits in localStorage, and forgets it at sign-out.
 *
 * Build it as any page script (test/browser bundles it this way and runs it in Chromium):
 *
 *   npx esbuild browserIdentityPool.ts --bundle --format=esm --minify --outfile=app.js
 *
 * and load it from a page that names the pool:
 *
 *   <meta name="cognito-identity-pool-id" content="us-east-1:0a1b2c3d-4e5f-4789-abcd-ef0123456789">
 *   <script type="module" src="app.js"></script>
 *
 * (`<meta name="cognito-identity-endpoint" content="http://127.0.0.1:4566">` points it at a
 * local emulator instead of AWS.)
 */
import { Effect, Layer, ManagedRuntime } from "effect"
import { AwsCredentials, CognitoIdentity, CognitoIdentityCredentials, type KeyValueStorage } from "effect-cognito-identity"
import { BrowserClient, currentIdentityId, IdentityPoolCredentials } from "./identityPoolCredentials.js"

/** What the page shows of its credentials: never the secret key or the session token. */
const credentialsSummary = Effect.gen(function*() {
  const identityId = yield* currentIdentityId
  const credentials = yield* Effect.flatMap(AwsCredentials, (source) => source.get)
  return {
    identityId,
    accessKey: `${credentials.accessKeyId.slice(0, 4)}…${credentials.accessKeyId.slice(-4)}`,
    expires: credentials.expiration?.toISOString() ?? "never"
  }
})

/** A signed call made with the identity's temporary credentials: DescribeIdentity of itself. */
const describeMyIdentity = Effect.flatMap(currentIdentityId, (IdentityId) => CognitoIdentity.describeIdentity({ IdentityId }))

/** Sign-out: the identity id is removed from storage and the credentials dropped. */
const signOut = Effect.flatMap(CognitoIdentityCredentials, (credentials) => credentials.forget)

/** A failure as the page shows it: its tag, never its details (they may hold request data). */
const failureText = (error: unknown): string =>
  `failed: ${typeof error === "object" && error !== null && "_tag" in error ? String(error._tag) : "unexpected error"}`

export interface PageOptions {
  readonly identityPoolId: string
  readonly endpoint?: string | undefined
  readonly storage: KeyValueStorage
}

/** Renders the page into `root`: the identity, a signed call, and sign-out. */
export const startPage = (root: HTMLElement, options: PageOptions): void => {
  const runtime = ManagedRuntime.make(
    IdentityPoolCredentials(options.identityPoolId, undefined, options.storage).pipe(
      Layer.provideMerge(BrowserClient(options.identityPoolId, options.endpoint))
    )
  )
  const line = (id: string, text: string) => {
    const element = root.ownerDocument.createElement("p")
    element.id = id
    element.textContent = text
    root.append(element)
    return element
  }
  const button = (id: string, text: string, onClick: () => void) => {
    const element = root.ownerDocument.createElement("button")
    element.id = id
    element.textContent = text
    element.addEventListener("click", onClick)
    root.append(element)
    return element
  }
  const identity = line("identity", "getting guest credentials…")
  const credentials = line("credentials", "")
  const signedCall = button("signed-call", "Describe my identity (signed call)", () => {
    result.textContent = "calling DescribeIdentity…"
    void runtime.runPromise(describeMyIdentity.pipe(
      Effect.match({
        onFailure: failureText,
        onSuccess: (described) =>
          `DescribeIdentity ${described.IdentityId ?? ""}: created ${described.CreationDate?.toISOString() ?? "?"}, ` +
          `logins: ${described.Logins?.join(", ") || "none (guest)"}`
      })
    )).then((text) => (result.textContent = text))
  })
  const signOutButton = button("sign-out", "Sign out", () => {
    void runtime.runPromise(signOut).then(() => {
      identity.textContent = "signed out: identity forgotten"
      credentials.textContent = ""
      result.textContent = ""
      signedCall.disabled = true
      signOutButton.disabled = true
    })
  })
  const result = line("result", "")
  result.setAttribute("role", "status")
  void runtime.runPromise(credentialsSummary.pipe(Effect.either)).then((summary) => {
    if (summary._tag === "Left") {
      identity.textContent = failureText(summary.left)
      return
    }
    identity.textContent = `guest identity ${summary.right.identityId}`
    credentials.textContent = `temporary credentials ${summary.right.accessKey}, expire ${summary.right.expires}`
    root.dataset["ready"] = "true"
  })
}

const meta = (name: string): string | undefined =>
  document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content || undefined

// In a page (not when a test imports the helpers above): start when the page names its pool.
if (typeof document !== "undefined") {
  const identityPoolId = meta("cognito-identity-pool-id")
  const root = document.createElement("main")
  document.body.append(root)
  if (identityPoolId === undefined) root.textContent = "this page names no identity pool (meta cognito-identity-pool-id)"
  else startPage(root, { identityPoolId, endpoint: meta("cognito-identity-endpoint"), storage: window.localStorage })
}
