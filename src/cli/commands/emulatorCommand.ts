import { readFile } from "node:fs/promises"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { Emulator, EmulatorStartError } from "../../emulator/Emulator.js"
import type { RolePolicies } from "../../emulator/iam/authorize.js"
import { waitForSignal } from "../signals.js"
import { UsageError } from "../UsageError.js"

const rate = (name: string, description: string) =>
  Options.float(name).pipe(Options.withDescription(`${description} (0..1)`), Options.optional)

interface Range {
  readonly flag: string
  readonly value: number | undefined
  readonly min: number
  readonly max: number
  readonly integer: boolean
}

/** The first flag outside its range, as a usage error (exit 2) that names the flag and the range. */
const checkRanges = (ranges: ReadonlyArray<Range>): Effect.Effect<void, UsageError> => {
  for (const { flag, integer, max, min, value } of ranges) {
    if (value === undefined) continue
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      const kind = integer ? "an integer" : "a number"
      return Effect.fail(new UsageError({ message: `--${flag} must be ${kind} from ${min} to ${max}, got ${value}` }))
    }
  }
  return Effect.void
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** `--iam-policies FILE`: a JSON object, role ARN → policy document (or a list of them). */
const readRolePolicies = (path: string): Effect.Effect<RolePolicies, EmulatorStartError> =>
  Effect.gen(function*() {
    const text = yield* Effect.tryPromise({
      try: () => readFile(path, "utf8"),
      catch: (cause) =>
        new EmulatorStartError({ message: `cannot read the IAM policies file ${path}: ${cause instanceof Error ? cause.message : String(cause)}` })
    })
    const parsed = yield* Effect.try({
      try: (): unknown => JSON.parse(text),
      catch: (cause) =>
        new EmulatorStartError({ message: `the IAM policies file ${path} is not valid JSON (${cause instanceof Error ? cause.message : String(cause)})` })
    })
    if (!isRecord(parsed)) {
      return yield* Effect.fail(
        new EmulatorStartError({ message: `the IAM policies file ${path} must be a JSON object of role ARN → policy document` })
      )
    }
    const policies: Record<string, RolePolicies[string]> = {}
    for (const [role, document] of Object.entries(parsed)) {
      if (!isRecord(document) && !(Array.isArray(document) && document.every(isRecord))) {
        return yield* Effect.fail(
          new EmulatorStartError({ message: `the IAM policies file ${path}: the policy of ${role} must be a policy document or a list of them` })
        )
      }
      policies[role] = document
    }
    return policies
  })

export const emulatorCommand = Command.make(
  "emulator",
  {
    host: Options.text("host").pipe(Options.withDefault("127.0.0.1")),
    port: Options.integer("port").pipe(Options.withDescription("0 to 65535; 0 picks a free port"), Options.withDefault(4566)),
    seedPools: Options.integer("seed-pools").pipe(Options.withDescription("Pools created at start (0 to 1000)"), Options.withDefault(0)),
    seedIdentities: Options.integer("seed-identities").pipe(
      Options.withDescription("Identities per seeded pool"),
      Options.withDefault(0)
    ),
    state: Options.text("state").pipe(
      Options.withDescription("Load the state from FILE at start and keep it there (each change on disk within 200 ms)"),
      Options.optional
    ),
    noVerifySignatures: Options.boolean("no-verify-signatures").pipe(
      Options.withDescription("Accept any well-formed SigV4 signature")
    ),
    rateLimits: Options.boolean("rate-limits").pipe(
      Options.withDescription("Throttle at AWS's published quotas (GetId 25/s, ...)")
    ),
    enforceIam: Options.boolean("enforce-iam").pipe(
      Options.withDescription("Check calls signed with credentials the emulator issued against --iam-policies")
    ),
    iamPolicies: Options.text("iam-policies").pipe(
      Options.withDescription("JSON file: role ARN -> IAM policy document(s), for --enforce-iam"),
      Options.optional
    ),
    throttlingRate: rate("fault-throttling", "Share of requests answered TooManyRequestsException"),
    internalErrorRate: rate("fault-internal-error", "Share answered InternalErrorException"),
    serviceUnavailableRate: rate("fault-503", "Share answered HTTP 503"),
    dropConnectionRate: rate("fault-drop", "Share of connections dropped without an answer"),
    latency: Options.integer("latency-ms").pipe(Options.withDescription("Added to every answer (0 to 60000)"), Options.optional)
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
      yield* checkRanges([
        { flag: "port", value: flags.port, min: 0, max: 65535, integer: true },
        { flag: "seed-pools", value: flags.seedPools, min: 0, max: 1000, integer: true },
        { flag: "seed-identities", value: flags.seedIdentities, min: 0, max: 10_000_000, integer: true },
        { flag: "fault-throttling", value: faults.throttlingRate, min: 0, max: 1, integer: false },
        { flag: "fault-internal-error", value: faults.internalErrorRate, min: 0, max: 1, integer: false },
        { flag: "fault-503", value: faults.serviceUnavailableRate, min: 0, max: 1, integer: false },
        { flag: "fault-drop", value: faults.dropConnectionRate, min: 0, max: 1, integer: false },
        { flag: "latency-ms", value: Option.getOrUndefined(flags.latency), min: 0, max: 60_000, integer: true }
      ])
      if (Option.isSome(flags.iamPolicies) && !flags.enforceIam) {
        return yield* Effect.fail(new UsageError({ message: "--iam-policies is only read with --enforce-iam" }))
      }
      const rolePolicies = Option.isSome(flags.iamPolicies) ? yield* readRolePolicies(flags.iamPolicies.value) : undefined
      const anyFault = Object.values(faults).some((value) => value !== undefined)
      const served = yield* Emulator.serve({
        host: flags.host,
        port: flags.port,
        verifySignatures: !flags.noVerifySignatures,
        rateLimits: flags.rateLimits,
        statePath: Option.getOrUndefined(flags.state),
        enforceIam: flags.enforceIam,
        ...(rolePolicies === undefined ? {} : { rolePolicies }),
        ...(anyFault ? { faults } : {}),
        ...(flags.seedPools > 0 ? { seed: { pools: flags.seedPools, identitiesPerPool: flags.seedIdentities } } : {})
      })
      yield* Console.log(`listening on ${served.url}`)
      // A save that fails ends the command at once, with its reason and a non-zero exit.
      const signal = yield* Effect.raceFirst(waitForSignal, served.emulator.stateFailure)
      yield* Console.error(`${signal}: stopping`)
      yield* served.emulator.saveState
    }).pipe(Effect.scoped)
).pipe(Command.withDescription("Run the local Cognito Identity emulator (awsJson1.1 over HTTP, SigV4 verified)"))
