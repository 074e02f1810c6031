import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted, TestClock } from "effect"
import { verifySigV4 } from "../../src/emulator/verifySigV4.js"
import { json } from "../support/RecordingHttp.js"
import { recordingClient } from "../support/layers.js"
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from "../support/fixtures.js"
import { operationCases } from "../support/operationCases.js"

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0)
const unsigned = new Set(["GetId", "GetOpenIdToken", "GetCredentialsForIdentity", "UnlinkIdentity"])

/** Redacted values compare by identity; compare what they hold instead. */
const reveal = (value: unknown): unknown => {
  if (Redacted.isRedacted(value)) return { redacted: Redacted.value(value) }
  if (value instanceof Date) return value
  if (Array.isArray(value)) return value.map(reveal)
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]))
  }
  return value
}

describe("every operation on the wire", () => {
  it("covers all 23 operations", () => {
    expect(new Set(operationCases.map((c) => c.operation.name)).size).toBe(23)
  })

  for (const testCase of operationCases) {
    const name = testCase.operation.name
    it.effect(`${name}: exact request, ${unsigned.has(name) ? "unsigned" : "SigV4 re-verified"}, decoded output`, () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(NOW)
        const { layer, requests } = recordingClient(() =>
          typeof testCase.response === "string"
            ? { status: 200, headers: { "x-amzn-requestid": "r" }, body: testCase.response }
            : json(testCase.response)
        )
        const output = yield* testCase.call(testCase.input as never).pipe(Effect.provide(layer))

        expect(requests).toHaveLength(1)
        const request = requests[0]!
        expect(request.method).toBe("POST")
        expect(request.url).toBe("https://cognito-identity.us-east-1.amazonaws.com/")
        expect(request.headers["x-amz-target"]).toBe(`AWSCognitoIdentityService.${name}`)
        expect(request.headers["content-type"]).toBe("application/x-amz-json-1.1")
        expect(request.json).toEqual(testCase.wire)
        expect(reveal(output)).toEqual(reveal(testCase.output))

        if (unsigned.has(name)) {
          expect(request.headers["authorization"]).toBeUndefined()
          expect(request.headers["x-amz-security-token"]).toBeUndefined()
          expect(request.headers["x-amz-date"]).toBeUndefined()
        } else {
          expect(request.headers["x-amz-date"]).toBe("20261126T120000Z")
          const verdict = verifySigV4(
            {
              method: request.method,
              path: new URL(request.url).pathname,
              query: "",
              headers: { ...request.headers, host: new URL(request.url).host },
              body: request.body
            },
            {
              now: new Date(NOW),
              service: "cognito-identity",
              lookup: (id) =>
                id === ACCESS_KEY_ID ? { secretAccessKey: SECRET_ACCESS_KEY, accountId: "123456789012" } : undefined
            }
          )
          expect(verdict).toMatchObject({ _tag: "Verified", accessKeyId: ACCESS_KEY_ID, region: "us-east-1" })
          if (verdict._tag === "Verified") {
            expect(verdict.signedHeaders).toEqual(expect.arrayContaining(["host", "x-amz-date", "x-amz-target", "content-type"]))
          }
        }
      }))
  }
})
