import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { errorOf, fakeModel, handlerWith, IDENTITY, POOL, rawRequest, signed, text } from "./support.js"

const TOKEN = "EAAGm0PX4ZCpsBAsecretFACEBOOKtoken"

/** Sends `body` (signed when the operation needs it) and returns the error. */
const send = (operation: string, body: unknown) =>
  Effect.gen(function*() {
    const model = fakeModel()
    const handle = handlerWith({ model })
    const raw = rawRequest(operation, typeof body === "string" ? body : JSON.stringify(body))
    const signedOps = !["GetId", "GetOpenIdToken", "GetCredentialsForIdentity", "UnlinkIdentity"].includes(operation)
    const response = yield* handle(signedOps ? yield* signed(raw) : raw)
    return { error: errorOf(response), raw: text(response), model, response }
  })

const single = (value: string, path: string, rule: string) =>
  `1 validation error detected: Value ${value} at '${path}' failed to satisfy constraint: Member must ${rule}`

describe("ValidationException wording (docs/service-behaviour.md §3.2)", () => {
  it.effect("pattern: the botocore pattern, unanchored", () =>
    Effect.gen(function*() {
      const { error, model } = yield* send("DescribeIdentityPool", { IdentityPoolId: "us-east-1:NOT-LOWER" })
      expect(error.status).toBe(400)
      expect(error.code).toBe("ValidationException")
      expect(error.message).toBe(single("'us-east-1:NOT-LOWER'", "identityPoolId", "satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+"))
      expect(error.errorType).toBe("ValidationException:")
      expect(error.errorMessage).toBe(error.message)
      expect(model.calls).toHaveLength(0)
    }))

  it.effect("length, both bounds", () =>
    Effect.gen(function*() {
      const long = `us-east-1:${"a".repeat(50)}`
      expect((yield* send("DescribeIdentityPool", { IdentityPoolId: long })).error.message).toBe(
        single(`'${long}'`, "identityPoolId", "have length less than or equal to 55")
      )
      const name = { IdentityPoolName: "", AllowUnauthenticatedIdentities: true }
      expect((yield* send("CreateIdentityPool", name)).error.message).toBe(
        "2 validation errors detected: " +
          "Value '' at 'identityPoolName' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
          "Value '' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+"
      )
    }))

  it.effect("range, both bounds", () =>
    Effect.gen(function*() {
      expect((yield* send("ListIdentityPools", { MaxResults: 61 })).error.message).toBe(
        single("'61'", "maxResults", "have value less than or equal to 60")
      )
      expect((yield* send("ListIdentityPools", { MaxResults: 0 })).error.message).toBe(
        single("'0'", "maxResults", "have value greater than or equal to 1")
      )
      expect((yield* send("GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: POOL, Logins: { "login.dev": "u" }, TokenDuration: 86401 })).error.message)
        .toBe(single("'86401'", "tokenDuration", "have value less than or equal to 86400"))
    }))

  it.effect("required members: `Value null`, also for an explicit null", () =>
    Effect.gen(function*() {
      expect((yield* send("ListIdentityPools", {})).error.message).toBe(single("null", "maxResults", "not be null"))
      expect((yield* send("ListIdentityPools", { MaxResults: null })).error.message).toBe(single("null", "maxResults", "not be null"))
      // An empty body is an empty object.
      expect((yield* send("ListIdentityPools", "")).error.message).toBe(single("null", "maxResults", "not be null"))
    }))

  it.effect("enum, nested map value and structure paths (Coral style)", () =>
    Effect.gen(function*() {
      const { error } = yield* send("SetIdentityPoolRoles", {
        IdentityPoolId: POOL,
        Roles: { authenticated: "arn:aws:iam::123456789012:role/Auth" },
        RoleMappings: { "graph.facebook.com": { Type: "Sometimes", AmbiguousRoleResolution: "Deny" } }
      })
      expect(error.message).toBe(
        single("'Sometimes'", "roleMappings.graph.facebook.com.member.type", "satisfy enum value set: [Token, Rules]")
      )
    }))

  it.effect("plural: every violation, joined with '; ', list elements 1-based", () =>
    Effect.gen(function*() {
      const { error } = yield* send("DeleteIdentities", { IdentityIdsToDelete: [IDENTITY, "bad id", null] })
      expect(error.message).toBe(
        "2 validation errors detected: " +
          "Value 'bad id' at 'identityIdsToDelete.2.member' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+; " +
          "Value null at 'identityIdsToDelete.3.member' failed to satisfy constraint: Member must not be null"
      )
      const tooMany = Array.from({ length: 61 }, () => IDENTITY)
      const many = yield* send("DeleteIdentities", { IdentityIdsToDelete: tooMany })
      expect(many.error.message).toBe(single(`'[${tooMany.join(", ")}]'`, "identityIdsToDelete", "have length less than or equal to 60"))
      const three = yield* send("ListIdentities", { IdentityPoolId: "x", MaxResults: 100, NextToken: "has space" })
      expect(three.error.message).toMatch(/^3 validation errors detected: Value 'x' at 'identityPoolId' .*; Value '100' at 'maxResults' .*; Value 'has space' at 'nextToken' failed to satisfy constraint: Member must satisfy regular expression pattern: \[\\S\]\+$/)
    }))

  it.effect("structures inside lists: cognitoIdentityProviders.1.member.providerName", () =>
    Effect.gen(function*() {
      const { error } = yield* send("CreateIdentityPool", {
        IdentityPoolName: "pool",
        AllowUnauthenticatedIdentities: false,
        CognitoIdentityProviders: [{ ProviderName: "bad provider", ClientId: "abc" }]
      })
      expect(error.message).toBe(
        single("'bad provider'", "cognitoIdentityProviders.1.member.providerName", "satisfy regular expression pattern: [\\w._:/-]+")
      )
    }))

  it.effect("a bad map key is reported on the map: Map keys must satisfy constraint", () =>
    Effect.gen(function*() {
      const { error } = yield* send("SetIdentityPoolRoles", { IdentityPoolId: POOL, Roles: { admin: "arn:aws:iam::123456789012:role/Admin" } })
      expect(error.message).toBe(
        "1 validation error detected: Value '{admin=arn:aws:iam::123456789012:role/Admin}' at 'roles' failed to satisfy constraint: " +
          "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: (un)?authenticated]"
      )
    }))

  it.effect("login tokens are never echoed: values under Logins print as ***", () =>
    Effect.gen(function*() {
      const empty = yield* send("GetId", { IdentityPoolId: POOL, Logins: { "graph.facebook.com": "" } })
      expect(empty.error.message).toBe(
        single("'***'", "logins.graph.facebook.com.member", "have length greater than or equal to 1")
      )
      const logins = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`provider${i}.example.com`, `${TOKEN}${i}`]))
      const tooMany = yield* send("GetId", { IdentityPoolId: POOL, Logins: logins })
      expect(tooMany.error.message).toContain("at 'logins' failed to satisfy constraint: Member must have length less than or equal to 10")
      expect(tooMany.error.message).toContain("provider0.example.com=***")
      const badKey = yield* send("GetCredentialsForIdentity", { IdentityId: IDENTITY, Logins: { "": TOKEN } })
      expect(badKey.error.message).toContain("Map keys must satisfy constraint")
      const long = yield* send("GetId", { IdentityPoolId: POOL, Logins: { "graph.facebook.com": TOKEN.repeat(2000) } })
      expect(long.error.message).toBe(single("'***'", "logins.graph.facebook.com.member", "have length less than or equal to 50000"))
      const developer = yield* send("GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: POOL, Logins: { "login.dev": "" } })
      expect(developer.error.message).toContain("Value '***' at 'logins.login.dev.member'")
      for (const { raw } of [empty, tooMany, badKey, long, developer]) expect(raw).not.toContain(TOKEN)
    }))

  it.effect("valid input reaches the model decoded, tokens as Redacted, unknown members ignored, nulls absent", () =>
    Effect.gen(function*() {
      const model = fakeModel()
      const handle = handlerWith({ model })
      yield* handle(rawRequest("GetId", JSON.stringify({ IdentityPoolId: POOL, Logins: { "graph.facebook.com": TOKEN }, AccountId: null, Future: 1 })))
      expect(model.calls).toHaveLength(1)
      const input = model.calls[0]?.input as { readonly Logins: Record<string, unknown> }
      expect(Object.keys(input).sort()).toEqual(["IdentityPoolId", "Logins"])
      const token = input.Logins["graph.facebook.com"]
      expect(Redacted.isRedacted(token) && Redacted.value(token)).toBe(TOKEN)
    }))
})

describe("SerializationException", () => {
  it.effect("a body that is not JSON, not an object, or not UTF-8", () =>
    Effect.gen(function*() {
      for (const body of ["not json", "[1,2,3]", "\"a string\"", "42", "null", "{\"IdentityPoolId\":"]) {
        const { error } = yield* send("GetId", body)
        expect(error).toMatchObject({ status: 400, code: "SerializationException", errorType: "SerializationException:" })
      }
      const model = fakeModel()
      const invalidUtf8 = yield* handlerWith({ model })(rawRequest("GetId", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))
      expect(errorOf(invalidUtf8).code).toBe("SerializationException")
      const deep = "[".repeat(100_000) + "]".repeat(100_000)
      expect((yield* send("GetId", `{"IdentityPoolId":${deep}}`)).error.code).toBe("SerializationException")
    }))

  it.effect("a member of the wrong JSON type names the member, never its value", () =>
    Effect.gen(function*() {
      const wrongInt = yield* send("ListIdentityPools", { MaxResults: "5" })
      expect(wrongInt.error).toMatchObject({
        code: "SerializationException",
        message: "Cannot deserialize member 'maxResults': expected a JSON number, got a JSON string"
      })
      const fraction = yield* send("ListIdentityPools", { MaxResults: 1.5 })
      expect(fraction.error.message).toBe("Cannot deserialize member 'maxResults': expected an integer, got a number with a fraction")
      const bool = yield* send("CreateIdentityPool", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: "true" })
      expect(bool.error.message).toBe("Cannot deserialize member 'allowUnauthenticatedIdentities': expected a JSON boolean, got a JSON string")
      const struct = yield* send("SetIdentityPoolRoles", { IdentityPoolId: POOL, Roles: {}, RoleMappings: { p: "Token" } })
      expect(struct.error.message).toBe("Cannot deserialize member 'roleMappings.p.member': expected a JSON object, got a JSON string")
      const list = yield* send("DeleteIdentities", { IdentityIdsToDelete: IDENTITY })
      expect(list.error.message).toBe("Cannot deserialize member 'identityIdsToDelete': expected a JSON array, got a JSON string")
      const login = yield* send("GetId", { IdentityPoolId: POOL, Logins: [TOKEN] })
      expect(login.error.code).toBe("SerializationException")
      expect(login.raw).not.toContain(TOKEN)
      // A type error wins over constraint violations elsewhere in the same input.
      const both = yield* send("ListIdentities", { IdentityPoolId: "BAD", MaxResults: "5" })
      expect(both.error.code).toBe("SerializationException")
    }))

  it.effect("a __proto__ member or map key is refused, never turned into a prototype", () =>
    Effect.gen(function*() {
      const { error } = yield* send(
        "SetIdentityPoolRoles",
        `{"IdentityPoolId":"${POOL}","Roles":{},"RoleMappings":{"__proto__":{"Type":"Rules"}}}`
      )
      expect(error).toMatchObject({ status: 400, code: "SerializationException" })
      expect(error.message).toContain("__proto__")
    }))
})
