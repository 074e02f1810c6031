import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { Emulator } from "../../emulator/Emulator.js"
import { waitForSignal } from "../signals.js"

const rate = (name: string, description: string) =>
  Options.float(name).pipe(Options.withDescription(description), Options.optional)

export const emulatorCommand = Command.make(
  "emulator",
  {
    host: Options.text("host").pipe(Options.withDefault("127.0.0.1")),
    port: Options.integer("port").pipe(Options.withDescription("0 picks a free port"), Options.withDefault(4566)),
    seedPools: Options.integer("seed-pools").pipe(Options.withDefault(0)),
    seedIdentities: Options.integer("seed-identities").pipe(
      Options.withDescription("Identities per seeded pool"),
      Options.withDefault(0)
    ),
    state: Options.text("state").pipe(
      Options.withDescription("Load the state from FILE at start and save it there (atomically) after changes"),
      Options.optional
    ),
    noVerifySignatures: Options.boolean("no-verify-signatures").pipe(
      Options.withDescription("Accept any well-formed SigV4 signature")
    ),
    rateLimits: Options.boolean("rate-limits").pipe(
      Options.withDescription("Throttle at AWS's published quotas (GetId 25/s, ...)")
    ),
    throttlingRate: rate("fault-throttling", "Share of requests answered TooManyRequestsException (0..1)"),
    internalErrorRate: rate("fault-internal-error", "Share answered InternalErrorException (0..1)"),
    serviceUnavailableRate: rate("fault-503", "Share answered HTTP 503 (0..1)"),
    dropConnectionRate: rate("fault-drop", "Share of connections dropped without an answer (0..1)"),
    latency: Options.integer("latency-ms").pipe(Options.withDescription("Added to every answer"), Options.optional)
  },
  (flags) =>
    Effect.gen(function*() {
      const faults = {
        throttlingRate: Option.getOrUndefined(flags.throttlingRate),
        internalErrorRate: Option.getOrUndefined(flags.internalErrorRate),
        serviceUnavailableRate: Option.getOrUndefined(flags.serviceUnavailableRate),
        dropConnectionRate: Option.getOrUndefined(flags.dropConnectionRate),
        latency: Option.getOrUndefined(Option.map(flags.latency, (ms) => `${ms} millis` as const))
      }
      const anyFault = Object.values(faults).some((value) => value !== undefined)
      const served = yield* Emulator.serve({
        host: flags.host,
        port: flags.port,
        verifySignatures: !flags.noVerifySignatures,
        rateLimits: flags.rateLimits,
        statePath: Option.getOrUndefined(flags.state),
        ...(anyFault ? { faults } : {}),
        ...(flags.seedPools > 0 ? { seed: { pools: flags.seedPools, identitiesPerPool: flags.seedIdentities } } : {})
      })
      yield* Console.log(`listening on ${served.url}`)
      const signal = yield* waitForSignal
      yield* Console.error(`${signal}: stopping`)
    }).pipe(Effect.scoped)
).pipe(Command.withDescription("Run the local Cognito Identity emulator (awsJson1.1 over HTTP, SigV4 verified)"))
