/**
 * The first source that yields credentials, in order. Sources are tried lazily, at the first
 * `get`, so a program that only calls the public (unsigned) operations never touches them.
 * The source that answered is kept from then on: a later failure of it is reported as is,
 * instead of silently signing as another identity from a source further down the list.
 */
import type { Scope } from "effect"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"
import { CredentialsError } from "../../errors/ClientErrors.js"
import type { AwsCredentialIdentity, AwsCredentialsService } from "./AwsCredentialIdentity.js"

/** One link: builds the service to try (at most once successfully, in the chain's scope). */
export type ChainLink<R> = Effect.Effect<AwsCredentialsService, CredentialsError, R | Scope.Scope>

export const chainCredentials = <R>(
  links: ReadonlyArray<ChainLink<R>>
): Effect.Effect<AwsCredentialsService, never, R | Scope.Scope> =>
  Effect.gen(function*() {
    // Includes the chain's own scope: what a link builds lives as long as the chain.
    const captured = yield* Effect.context<R | Scope.Scope>()
    const lock = yield* Effect.makeSemaphore(1)
    // The link chosen, once one has yielded: a plain variable, which `current` reads synchronously.
    let chosen: AwsCredentialsService | undefined
    // A link that built is not built again (it may hold resources); one that failed to build
    // is retried at the next resolution, since its environment may have changed.
    const built = yield* Ref.make(new Map<number, AwsCredentialsService>())

    const build = (link: ChainLink<R>, index: number) =>
      Effect.flatMap(Ref.get(built), (services) => {
        const known = services.get(index)
        if (known !== undefined) return Effect.succeed(known)
        return link.pipe(
          Effect.mapInputContext((outer: Context.Context<never>) =>
            Context.merge(outer, captured)
          ),
          Effect.tap((service) => Ref.update(built, (m) => new Map(m).set(index, service)))
        )
      })

    const resolve: Effect.Effect<AwsCredentialIdentity, CredentialsError> = lock.withPermits(1)(
      Effect.gen(function*() {
        if (chosen !== undefined) return yield* chosen.get
        const failures: Array<{ readonly index: number; readonly error: CredentialsError }> = []
        for (const [index, link] of links.entries()) {
          const attempt = yield* Effect.either(Effect.flatMap(build(link, index), (service) =>
            Effect.map(service.get, (credentials) => ({ service, credentials }))))
          if (attempt._tag === "Right") {
            chosen = attempt.right.service
            return attempt.right.credentials
          }
          failures.push({ index, error: attempt.left })
        }
        return yield* Effect.fail(
          failures.length === 0
            ? new CredentialsError({ message: "no AWS credentials: the chain has no sources", sources: [] })
            : new CredentialsError({
              message: `no AWS credentials from any source: ${failures.map((f) => f.error.message).join("; ")}`,
              sources: failures.flatMap((f) => f.error.sources ?? [`source ${f.index + 1}`]),
              // One source tried: its typed cause (a refused login) is the chain's.
              ...(failures.length === 1 && failures[0]?.error.cause !== undefined ? { cause: failures[0].error.cause } : {})
            })
        )
      })
    )

    const service: AwsCredentialsService = {
      get: Effect.suspend(() => chosen === undefined ? resolve : chosen.get),
      invalidate: Effect.suspend(() => chosen === undefined ? Effect.void : chosen.invalidate),
      current: (now) => chosen?.current?.(now)
    }
    return service
  })
