/**
 * The platform-neutral sources: fixed credentials, the environment (through Config), any SDK v3
 * provider function, and chains of them.
 */
import { describe, expect, it } from "@effect/vitest"
import type { AwsCredentialIdentityProvider } from "@smithy/types"
import { ConfigProvider, Context, Effect, Layer, Redacted, TestClock } from "effect"
import { expectTypeOf } from "vitest"
import type { AwsCredentialIdentity } from "../../src/index.js"
import { AwsCredentials, CredentialsError } from "../../src/index.js"
import { expectNoSecrets, renderings, settle, withProcessEnv } from "./support.js"

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
const TOKEN = "FwoGZXIvYXdzEXAMPLE-SESSION-TOKEN"

const read = <E>(layer: Layer.Layer<AwsCredentials, E>) => Effect.flatMap(AwsCredentials, (c) => c.get).pipe(Effect.provide(layer))

/**
 * ConfigProvider.fromMap copies its map; to change variables mid-test, use the process
 * environment (the default provider reads it at each load), restored afterwards.
 */
const mutableEnv = <A, E, R>(body: (env: NodeJS.ProcessEnv) => Effect.Effect<A, E, R>) =>
  withProcessEnv(
    { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined },
    Effect.suspend(() => body(process.env)).pipe(Effect.withConfigProvider(ConfigProvider.fromEnv()))
  )

const withEnv = (vars: Record<string, string>) => Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(vars))))

const reveal = (c: AwsCredentialIdentity) => ({
  accessKeyId: c.accessKeyId,
  secretAccessKey: Redacted.value(c.secretAccessKey),
  sessionToken: c.sessionToken === undefined ? undefined : Redacted.value(c.sessionToken)
})

describe("AwsCredentials.static", () => {
  it.effect("wraps plain strings in Redacted", () =>
    Effect.gen(function*() {
      const c = yield* read(AwsCredentials.static({ accessKeyId: "AKIDSTATIC", secretAccessKey: SECRET, sessionToken: TOKEN }))
      expect(reveal(c)).toEqual({ accessKeyId: "AKIDSTATIC", secretAccessKey: SECRET, sessionToken: TOKEN })
      expectNoSecrets([String(c.secretAccessKey), JSON.stringify(c)], [SECRET, TOKEN])
    }), 10_000)
})

describe("AwsCredentials.fromEnv", () => {
  it.effect("reads the three variables through Config", () =>
    Effect.gen(function*() {
      const c = yield* read(AwsCredentials.fromEnv).pipe(
        withEnv({ AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN })
      )
      expect(reveal(c)).toEqual({ accessKeyId: "AKIDENV", secretAccessKey: SECRET, sessionToken: TOKEN })
      expect(Redacted.isRedacted(c.secretAccessKey)).toBe(true)
    }), 10_000)

  it.effect("the session token is optional", () =>
    Effect.gen(function*() {
      const c = yield* read(AwsCredentials.fromEnv).pipe(withEnv({ AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: SECRET }))
      expect(c.sessionToken).toBeUndefined()
    }), 10_000)

  it.effect.each([
    [{}, "environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"],
    [{ AWS_ACCESS_KEY_ID: "AKIDENV" }, "environment: AWS_SECRET_ACCESS_KEY is not set"],
    [{ AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN }, "environment: AWS_ACCESS_KEY_ID is not set"],
    [{ AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: SECRET }, "environment: AWS_ACCESS_KEY_ID is not set"]
  ] as const)("names what is missing, never a value (%j)", ([vars, message]) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(read(AwsCredentials.fromEnv).pipe(withEnv(vars)))
      expect(error).toBeInstanceOf(CredentialsError)
      expect(error.message).toBe(message)
      expect(error.sources).toEqual(["environment"])
      expectNoSecrets(renderings(error), [SECRET, TOKEN])
    }), 10_000)

  it.effect("reads the variables again after invalidate", () =>
    Effect.gen(function*() {
      yield* mutableEnv((env) => {
        env["AWS_ACCESS_KEY_ID"] = "AKIDFIRST"
        env["AWS_SECRET_ACCESS_KEY"] = SECRET
        return Effect.gen(function*() {
          const credentials = yield* AwsCredentials
          expect((yield* credentials.get).accessKeyId).toBe("AKIDFIRST")
          env["AWS_ACCESS_KEY_ID"] = "AKIDROTATED"
          expect((yield* credentials.get).accessKeyId).toBe("AKIDFIRST")
          yield* credentials.invalidate
          expect((yield* credentials.get).accessKeyId).toBe("AKIDROTATED")
        }).pipe(Effect.provide(AwsCredentials.fromEnv))
      })
    }), 10_000)
})

describe("AwsCredentials.fromProvider", () => {
  it("accepts an AWS SDK v3 provider function (@smithy/types) as is", () => {
    expectTypeOf<AwsCredentialIdentityProvider>().toMatchTypeOf<Parameters<typeof AwsCredentials.fromProvider>[0]>()
    expectTypeOf(AwsCredentials.fromProvider).returns.toEqualTypeOf<Layer.Layer<AwsCredentials>>()
  })

  it.effect("calls the provider at the first signing, not before, and caches what it returns", () =>
    Effect.gen(function*() {
      let calls = 0
      const provider: AwsCredentialIdentityProvider = async () => {
        calls += 1
        return { accessKeyId: "AKIDPROVIDER", secretAccessKey: SECRET, sessionToken: TOKEN }
      }
      yield* Effect.gen(function*() {
        const credentials = yield* AwsCredentials
        expect(calls).toBe(0)
        const c = yield* credentials.get
        yield* credentials.get
        expect(calls).toBe(1)
        expect(reveal(c)).toEqual({ accessKeyId: "AKIDPROVIDER", secretAccessKey: SECRET, sessionToken: TOKEN })
      }).pipe(Effect.provide(AwsCredentials.fromProvider(provider)))
    }), 10_000)

  it.effect("calls it again before the credentials it returned expire", () =>
    Effect.gen(function*() {
      let calls = 0
      const provider = () => {
        calls += 1
        // TestClock starts at 0: these expire one hour into the test.
        return Promise.resolve({ accessKeyId: `AKID${calls}`, secretAccessKey: SECRET, expiration: new Date(3_600_000) })
      }
      yield* Effect.gen(function*() {
        const credentials = yield* AwsCredentials
        expect((yield* credentials.get).accessKeyId).toBe("AKID1")
        yield* TestClock.adjust("54 minutes")
        yield* credentials.get
        expect(calls).toBe(1)
        yield* TestClock.adjust("1 minute")
        yield* credentials.get
        yield* settle
        // The promise resolves on the event loop, outside the TestClock.
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 10)))
        yield* settle
        expect(calls).toBe(2)
        expect((yield* credentials.get).accessKeyId).toBe("AKID2")
        const c = yield* credentials.get
        expect(c.expiration).toEqual(new Date(3_600_000))
      }).pipe(Effect.provide(AwsCredentials.fromProvider(provider, { jitter: 0 })))
    }), 10_000)

  it.effect("a rejection is a CredentialsError with the provider's message, under the given name", () =>
    Effect.gen(function*() {
      class CredentialsProviderError extends Error {
        override name = "CredentialsProviderError"
      }
      const provider = () => Promise.reject(new CredentialsProviderError("The SSO session associated with this profile has expired"))
      const error = yield* Effect.flip(read(AwsCredentials.fromProvider(provider, { name: "sso" })))
      expect(error.message).toBe("sso: CredentialsProviderError: The SSO session associated with this profile has expired")
      expect(error.sources).toEqual(["sso"])
    }), 10_000)

  it.effect("a provider that throws, or rejects with something else than an Error, says so without printing it", () =>
    Effect.gen(function*() {
      const throwing = () => {
        throw new Error("synchronous failure")
      }
      const e1 = yield* Effect.flip(read(AwsCredentials.fromProvider(throwing)))
      expect(e1.message).toBe("credential provider: synchronous failure")
      const e2 = yield* Effect.flip(read(AwsCredentials.fromProvider(() => Promise.reject({ secretAccessKey: SECRET }))))
      expect(e2.message).toBe("credential provider: it rejected with a value that is not an Error")
      expectNoSecrets(renderings(e2), [SECRET])
    }), 10_000)

  it.effect.each([
    [{ secretAccessKey: SECRET }, "credential provider: the provider returned no accessKeyId"],
    [{ accessKeyId: "AKID" }, "credential provider: the provider returned no secretAccessKey"],
    [{ accessKeyId: "AKID", secretAccessKey: SECRET, expiration: "tomorrow" }, "credential provider: the provider returned an expiration that is not a valid Date"],
    [null, "credential provider: the provider returned no credentials"]
  ] as const)("checks what the provider returned (%j)", ([returned, message]) =>
    Effect.gen(function*() {
      // Foreign JavaScript may return anything; the cast stands in for it.
      const provider = (() => Promise.resolve(returned)) as unknown as AwsCredentialIdentityProvider
      const error = yield* Effect.flip(read(AwsCredentials.fromProvider(provider)))
      expect(error.message).toBe(message)
      expectNoSecrets(renderings(error), [SECRET])
    }), 10_000)
})

describe("AwsCredentials.chain", () => {
  const counting = (accessKeyId: string) => {
    const state = { calls: 0 }
    const layer = AwsCredentials.fromProvider(() => {
      state.calls += 1
      return Promise.resolve({ accessKeyId, secretAccessKey: SECRET })
    }, { name: accessKeyId })
    return { state, layer }
  }

  it.effect("the first source that yields wins; the ones after it are never touched", () =>
    Effect.gen(function*() {
      const first = counting("AKIDFIRST")
      const second = counting("AKIDSECOND")
      const c = yield* read(AwsCredentials.chain(AwsCredentials.fromEnv, first.layer, second.layer)).pipe(withEnv({}))
      expect(c.accessKeyId).toBe("AKIDFIRST")
      expect([first.state.calls, second.state.calls]).toEqual([1, 0])
    }), 10_000)

  it.effect("order matters: the environment first when it is set", () =>
    Effect.gen(function*() {
      const provider = counting("AKIDPROVIDER")
      const c = yield* read(AwsCredentials.chain(AwsCredentials.fromEnv, provider.layer)).pipe(
        withEnv({ AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: SECRET })
      )
      expect(c.accessKeyId).toBe("AKIDENV")
      expect(provider.state.calls).toBe(0)
    }), 10_000)

  it.effect("nothing is read before the first signing", () =>
    Effect.gen(function*() {
      const provider = counting("AKIDPROVIDER")
      yield* Effect.gen(function*() {
        const credentials = yield* AwsCredentials
        expect(provider.state.calls).toBe(0)
        yield* credentials.get
        expect(provider.state.calls).toBe(1)
      }).pipe(Effect.provide(AwsCredentials.chain(AwsCredentials.fromEnv, provider.layer)), withEnv({}))
    }), 10_000)

  it.effect("when none yields, the error lists every source tried, in order, and why", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(read(AwsCredentials.chain(
        AwsCredentials.fromEnv,
        AwsCredentials.fromProvider(() => Promise.reject(new Error("no IMDS here")), { name: "instance metadata" }),
        { name: "custom", fetch: Effect.fail(new CredentialsError({ message: "custom: not configured", sources: ["custom"] })) }
      )).pipe(withEnv({ AWS_SECRET_ACCESS_KEY: SECRET })))
      expect(error.sources).toEqual(["environment", "instance metadata", "custom"])
      expect(error.message).toBe(
        "no AWS credentials from any source: environment: AWS_ACCESS_KEY_ID is not set; " +
          "instance metadata: no IMDS here; custom: not configured"
      )
      expectNoSecrets(renderings(error), [SECRET])
    }), 10_000)

  it.effect("accepts bare sources, and forwards invalidate to the source that answered", () =>
    Effect.gen(function*() {
      let fetches = 0
      const source = {
        name: "counter",
        fetch: Effect.sync(() => {
          fetches += 1
          return { accessKeyId: `AKID${fetches}`, secretAccessKey: Redacted.make(SECRET) }
        })
      }
      yield* Effect.gen(function*() {
        const credentials = yield* AwsCredentials
        expect((yield* credentials.get).accessKeyId).toBe("AKID1")
        expect((yield* credentials.get).accessKeyId).toBe("AKID1")
        yield* credentials.invalidate
        expect((yield* credentials.get).accessKeyId).toBe("AKID2")
      }).pipe(Effect.provide(AwsCredentials.chain(AwsCredentials.fromEnv, source)), withEnv({}))
    }), 10_000)

  it.effect("keeps the source that answered, even if an earlier one becomes available", () =>
    Effect.gen(function*() {
      const provider = counting("AKIDPROVIDER")
      yield* mutableEnv((env) =>
        Effect.gen(function*() {
          const credentials = yield* AwsCredentials
          expect((yield* credentials.get).accessKeyId).toBe("AKIDPROVIDER")
          env["AWS_ACCESS_KEY_ID"] = "AKIDENV"
          env["AWS_SECRET_ACCESS_KEY"] = SECRET
          // fromEnv alone would now build: the chain still answers with the provider.
          expect((yield* read(AwsCredentials.fromEnv)).accessKeyId).toBe("AKIDENV")
          yield* credentials.invalidate
          expect((yield* credentials.get).accessKeyId).toBe("AKIDPROVIDER")
          expect(provider.state.calls).toBe(2)
        }).pipe(Effect.provide(AwsCredentials.chain(AwsCredentials.fromEnv, provider.layer)))
      )
    }), 10_000)

  it.effect("current: nothing before a link is chosen, then what the chosen link has in hand", () =>
    Effect.gen(function*() {
      const provider = counting("AKIDPROVIDER")
      yield* Effect.flatMap(AwsCredentials, (credentials) =>
        Effect.gen(function*() {
          expect(credentials.current?.(0)).toBeUndefined()
          yield* credentials.get
          expect(credentials.current?.(0)?.accessKeyId).toBe("AKIDPROVIDER")
          yield* credentials.invalidate
          expect(credentials.current?.(0)).toBeUndefined()
        })).pipe(Effect.provide(AwsCredentials.chain(AwsCredentials.fromEnv, provider.layer)), withEnv({}))
    }), 10_000)

  it.effect("100 concurrent first signings resolve the chain once", () =>
    Effect.gen(function*() {
      const provider = counting("AKIDPROVIDER")
      const all = yield* Effect.flatMap(AwsCredentials, (credentials) =>
        Effect.all(Array.from({ length: 100 }, () => credentials.get), { concurrency: "unbounded" })).pipe(
          Effect.provide(AwsCredentials.chain(AwsCredentials.fromEnv, provider.layer)),
          withEnv({})
        )
      expect(all).toHaveLength(100)
      expect(provider.state.calls).toBe(1)
    }), 10_000)

  it("requirements are the union of the links' requirements", () => {
    class Needed extends Context.Tag("test/Needed")<Needed, { readonly keyId: string }>() {}
    const needing = { name: "needs", fetch: Effect.map(Needed, ({ keyId }) => ({ accessKeyId: keyId, secretAccessKey: Redacted.make(SECRET) })) }
    const chain = AwsCredentials.chain(AwsCredentials.fromEnv, needing)
    expectTypeOf(chain).toEqualTypeOf<Layer.Layer<AwsCredentials, never, Needed>>()
    expectTypeOf(AwsCredentials.chain(AwsCredentials.fromEnv)).toEqualTypeOf<Layer.Layer<AwsCredentials>>()
  })

  it.effect("an empty chain fails with a clear message", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(read(AwsCredentials.chain()))
      expect(error.message).toBe("no AWS credentials: the chain has no sources")
    }), 10_000)
})
