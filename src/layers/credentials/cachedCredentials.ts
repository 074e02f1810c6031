/**
 * Caching and refresh for any credentials source.
 *
 * - Credentials without an expiration are kept until `invalidate`.
 * - Credentials with one are refreshed once less than `refreshWindow` remains (plus a random
 *   `jitter`, so a fleet started together does not refresh together). While a refresh runs in
 *   the background, `get` keeps answering with the current, still valid credentials: signing
 *   never waits for a refresh it does not need.
 * - Only one fetch is ever in flight: concurrent `get`s that need fresh credentials (none yet,
 *   expired, invalidated) all wait for the same fetch.
 * - A background refresh that fails keeps the current credentials until they expire, and is
 *   tried again a little later instead of at every signing.
 * - Time is read from Effect's `Clock`, so `TestClock` drives all of this in tests.
 */
import type { Scope } from "effect"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Random from "effect/Random"
import { CredentialsError } from "../../errors/ClientErrors.js"
import { credentialRefresh } from "../../metrics/recordMetrics.js"
import type { AwsCredentialIdentity, AwsCredentialsService } from "./AwsCredentialIdentity.js"
import type { CredentialsSource } from "./CredentialsSource.js"

export interface RefreshOptions {
  /** Refresh credentials once less than this remains before they expire. Default 5 minutes. */
  readonly refreshWindow?: Duration.DurationInput | undefined
  /**
   * Each refresh point is moved later by a random amount up to this (never past the window),
   * so that many clients holding credentials from the same moment spread their refreshes.
   * Default 30 seconds.
   */
  readonly jitter?: Duration.DurationInput | undefined
}

export const DEFAULT_REFRESH_WINDOW: Duration.Duration = Duration.minutes(5)
export const DEFAULT_JITTER: Duration.Duration = Duration.seconds(30)

/**
 * After a failed background refresh, how long the current credentials are used before the
 * next attempt: soon enough to recover well before expiry, late enough not to hammer a source
 * that is down at every signing.
 */
const RETRY_AFTER_FAILURE_MILLIS = 10_000

interface Cached {
  readonly value: AwsCredentialIdentity
  /** Epoch millis from which `get` refreshes; `Infinity` for credentials that do not expire. */
  readonly refreshAt: number
  /** Epoch millis after which the value is never served; `Infinity` when it does not expire. */
  readonly expiresAt: number
}

type Fetch = Deferred.Deferred<AwsCredentialIdentity, CredentialsError>

interface State {
  readonly cached: Cached | undefined
  readonly inFlight: Fetch | undefined
}

type Decision =
  | { readonly _tag: "Use"; readonly value: AwsCredentialIdentity }
  | { readonly _tag: "Await"; readonly fetch: Fetch }
  | { readonly _tag: "Start"; readonly fetch: Fetch; readonly current: AwsCredentialIdentity | undefined }

const usableAt = (cached: Cached | undefined, now: number): AwsCredentialIdentity | undefined =>
  cached !== undefined && now < cached.expiresAt ? cached.value : undefined

/**
 * The service for `source`, with the refresh behaviour above. Nothing is fetched until the
 * first `get`. Background refreshes run in the current scope (the layer's), so closing it
 * stops them.
 */
export const cachedCredentials = <R>(
  source: CredentialsSource<R>,
  options: RefreshOptions = {}
): Effect.Effect<AwsCredentialsService, never, R | Scope.Scope> =>
  Effect.gen(function*() {
    const scope = yield* Effect.scope
    const captured = yield* Effect.context<R>()
    const windowMillis = Duration.toMillis(Duration.decode(options.refreshWindow ?? DEFAULT_REFRESH_WINDOW))
    const jitterMillis = Math.min(
      Duration.toMillis(Duration.decode(options.jitter ?? DEFAULT_JITTER)),
      windowMillis
    )
    // A plain variable, not a Ref: `current` reads it synchronously. Every change below is one
    // synchronous step (as Ref.modify's was), so concurrent fibers still see it change atomically.
    let state: State = { cached: undefined, inFlight: undefined }
    const modify = <A>(f: (s: State) => readonly [A, State]): Effect.Effect<A> =>
      Effect.sync(() => {
        const [result, next] = f(state)
        state = next
        return result
      })

    // The caller's context stays visible (a RetryPolicy it provides, say), but what the source
    // was built with wins, whoever happens to trigger the refresh.
    const fetch = source.fetch.pipe(
      Effect.mapInputContext((outer: Context.Context<never>) => Context.merge(outer, captured)),
      Effect.tap(Effect.logDebug("AWS credentials obtained")),
      Effect.annotateLogs("aws.credentials.source", source.name),
      Effect.withSpan("AwsCredentials.refresh", { attributes: { "aws.credentials.source": source.name } })
    )

    const toCached = (value: AwsCredentialIdentity, now: number): Effect.Effect<Cached, CredentialsError> => {
      const expiration = value.expiration
      if (expiration === undefined) return Effect.succeed({ value, refreshAt: Infinity, expiresAt: Infinity })
      const expiresAt = expiration.getTime()
      if (Number.isNaN(expiresAt)) {
        return Effect.fail(
          new CredentialsError({ message: `${source.name}: the credentials have an invalid expiration`, sources: [source.name] })
        )
      }
      if (expiresAt <= now) {
        return Effect.fail(
          new CredentialsError({
            message: `${source.name}: the credentials obtained had already expired (at ${
              expiration.toISOString()
            }); check the system clock`,
            sources: [source.name]
          })
        )
      }
      if (expiresAt - now <= windowMillis) {
        // Shorter-lived than the window: use them for half their remaining life rather than
        // fetching again at every signing.
        return Effect.succeed({ value, refreshAt: now + Math.floor((expiresAt - now) / 2), expiresAt })
      }
      return Effect.map(
        jitterMillis > 0 ? Random.nextIntBetween(0, jitterMillis + 1) : Effect.succeed(0),
        (jitter) => ({ value, refreshAt: expiresAt - windowMillis + jitter, expiresAt })
      )
    }

    const settle = (fetchDeferred: Fetch, exit: Exit.Exit<AwsCredentialIdentity, CredentialsError>) =>
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const checked: Exit.Exit<Cached, CredentialsError> = Exit.isSuccess(exit)
          ? yield* Effect.exit(toCached(exit.value, now))
          : Exit.failCause(exit.cause)
        yield* credentialRefresh(source.name, checked)
        if (Exit.isSuccess(checked)) {
          yield* modify(() => [undefined, { cached: checked.value, inFlight: undefined }])
          yield* Deferred.succeed(fetchDeferred, checked.value.value)
          return
        }
        const kept = yield* modify((s): [AwsCredentialIdentity | undefined, State] => {
          const current = usableAt(s.cached, now)
          return current === undefined || s.cached === undefined
            ? [undefined, { cached: undefined, inFlight: undefined }]
            : [current, {
              cached: { ...s.cached, refreshAt: Math.min(now + RETRY_AFTER_FAILURE_MILLIS, s.cached.expiresAt) },
              inFlight: undefined
            }]
        })
        if (kept === undefined) {
          yield* Deferred.failCause(fetchDeferred, checked.cause)
          return
        }
        const failure = Cause.failureOption(checked.cause)
        yield* Effect.logWarning(
          failure._tag === "Some"
            ? `refreshing AWS credentials failed; the current ones are used until they expire: ${failure.value.message}`
            : "refreshing AWS credentials failed unexpectedly; the current ones are used until they expire"
        ).pipe(Effect.annotateLogs("aws.credentials.source", source.name))
        yield* Deferred.succeed(fetchDeferred, kept)
      })

    const refresh = (fetchDeferred: Fetch) =>
      Effect.flatMap(Effect.exit(fetch), (exit) => settle(fetchDeferred, exit)).pipe(
        // If the layer's scope closes mid-fetch, nobody may be left waiting forever.
        Effect.onInterrupt(() =>
          Effect.zipRight(
            modify((s) => [undefined, s.inFlight === fetchDeferred ? { ...s, inFlight: undefined } : s]),
            Deferred.interrupt(fetchDeferred)
          )
        )
      )

    /** The cached value while it needs no refresh: what `get` answers without a step of its own. */
    const freshAt = (now: number): AwsCredentialIdentity | undefined =>
      state.cached !== undefined && now < state.cached.refreshAt ? state.cached.value : undefined

    const get: Effect.Effect<AwsCredentialIdentity, CredentialsError> = Effect.gen(function*() {
      const now = yield* Clock.currentTimeMillis
      const fast = freshAt(now)
      if (fast !== undefined) return fast
      const candidate = yield* Deferred.make<AwsCredentialIdentity, CredentialsError>()
      // Decided atomically: of all the fibers that get here together, exactly one starts the
      // fetch. Uninterruptible up to the fork, so an installed fetch always has a fiber behind it.
      const decision = yield* Effect.uninterruptible(
        Effect.tap(
          modify((s): [Decision, State] => {
            if (s.cached !== undefined && now < s.cached.refreshAt) return [{ _tag: "Use", value: s.cached.value }, s]
            const current = usableAt(s.cached, now)
            if (s.inFlight !== undefined) {
              return [current === undefined ? { _tag: "Await", fetch: s.inFlight } : { _tag: "Use", value: current }, s]
            }
            return [{ _tag: "Start", fetch: candidate, current }, { ...s, inFlight: candidate }]
          }),
          (d) => d._tag === "Start" ? Effect.forkIn(Effect.interruptible(refresh(d.fetch)), scope) : Effect.void
        )
      )
      switch (decision._tag) {
        case "Use":
          return decision.value
        case "Await":
          return yield* Deferred.await(decision.fetch)
        case "Start":
          return decision.current ?? (yield* Deferred.await(decision.fetch))
      }
    })

    const invalidate: Effect.Effect<void> = modify((s) => [undefined, { ...s, cached: undefined }])

    const service: AwsCredentialsService = { get, invalidate, current: freshAt }
    return service
  })
