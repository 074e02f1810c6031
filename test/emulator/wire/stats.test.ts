import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, TestClock } from "effect"
import { CognitoIdentity } from "../../../src/index.js"
import { clientLayer, fakeModel, handlerWith, IDENTITY, NOW_MILLIS, POOL, rawRequest } from "./support.js"

describe("request counts", () => {
  it.effect("every request is counted per operation and per outcome, routed or not", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(NOW_MILLIS)
      const handle = handlerWith({
        model: fakeModel((operation) =>
          operation === "GetId"
            ? Either.right({ IdentityId: IDENTITY })
            : Either.left({ code: "NotAuthorizedException", message: "Logins don't match." })
        )
      })
      const layer = clientLayer(handle)
      yield* CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(Effect.provide(layer))
      yield* CognitoIdentity.getId({ IdentityPoolId: POOL }).pipe(Effect.provide(layer))
      yield* CognitoIdentity.getCredentialsForIdentity({ IdentityId: IDENTITY }).pipe(Effect.provide(layer), Effect.flip)
      yield* handle(rawRequest("GetCredentialsForIdentity", "{"))
      yield* handle(rawRequest("Nope", "{}"))
      yield* handle(rawRequest(undefined, "", {}, { method: "OPTIONS" }))
      expect(handle.stats()).toEqual({
        requests: 6,
        outcomes: { Success: 2, NotAuthorizedException: 1, SerializationException: 1, UnknownOperationException: 1, Preflight: 1 },
        operations: {
          GetId: { requests: 2, outcomes: { Success: 2 } },
          GetCredentialsForIdentity: { requests: 2, outcomes: { NotAuthorizedException: 1, SerializationException: 1 } },
          "(none)": { requests: 2, outcomes: { UnknownOperationException: 1, Preflight: 1 } }
        }
      })
      handle.resetStats()
      expect(handle.stats()).toEqual({ requests: 0, outcomes: {}, operations: {} })
    }))
})
