/**
 * Reading a purge plan: NDJSON, one identity per line, each an object with an `IdentityId`
 * (and, for reports, its `IdentityPoolId`). What `writePurgePlan` writes, and also what
 * `cognito-identity export --format ndjson` writes, so an export filtered by any tool (`jq`)
 * is a plan. Empty lines are skipped.
 *
 * A plan is checked whole before anything is deleted (every line, its size and its SHA-256),
 * so that a bad line cannot stop a purge half-way, and a resumed purge can tell that its plan
 * is still the one it started (a changed plan would make "the first N entries are done" a lie).
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { createHash } from "node:crypto"
import { createReadStream } from "node:fs"
import * as readline from "node:readline"
import { ExportFileError, fileError } from "../export/ExportFileError.js"
import { IdentityId } from "../schemas/Primitives.js"
import type { DeleteTarget } from "./deleteIdentityBatches.js"

const PlanLine = Schema.parseJson(
  Schema.Struct({ IdentityId: IdentityId("input"), IdentityPoolId: Schema.optional(Schema.String) })
)
const decodeLine = Schema.decodeUnknownEither(PlanLine)

export interface PlanFacts {
  /** Identities listed (non-empty lines). */
  readonly entries: number
  readonly bytes: number
  /** Hex SHA-256 of the whole file. */
  readonly sha256: string
}

const parse = (path: string, line: string, number: number): Either.Either<DeleteTarget, ExportFileError> =>
  Either.mapBoth(decodeLine(line), {
    onLeft: () =>
      new ExportFileError({
        path,
        message: `line ${number} of the plan ${path} is not an identity ({"IdentityId":"REGION:GUID",...}); nothing was deleted`
      }),
    onRight: (entry) => ({ IdentityId: entry.IdentityId, IdentityPoolId: entry.IdentityPoolId })
  })

const lines = (path: string) =>
  Stream.fromAsyncIterable(
    readline.createInterface({ input: createReadStream(path), crlfDelay: Infinity }),
    fileError(path, "cannot read the plan")
  )

/** Checks every line of the plan and measures it. */
export const inspectPlan = (path: string): Effect.Effect<PlanFacts, ExportFileError> =>
  Effect.gen(function*() {
    const hash = createHash("sha256")
    let bytes = 0
    yield* Stream.fromAsyncIterable(createReadStream(path), fileError(path, "cannot read the plan")).pipe(
      Stream.runForEach((chunk) =>
        Effect.sync(() => {
          const buffer = chunk as Buffer
          bytes += buffer.length
          hash.update(buffer)
        })
      )
    )
    let number = 0
    let entries = 0
    yield* lines(path).pipe(
      Stream.runForEach((line) => {
        number += 1
        if (line.trim() === "") return Effect.void
        entries += 1
        return Effect.asVoid(parse(path, line, number))
      })
    )
    return { entries, bytes, sha256: hash.digest("hex") }
  })

/** The plan's identities, after the first `skip` (already done by an earlier run). */
export const planTargets = (path: string, skip: number): Stream.Stream<DeleteTarget, ExportFileError> => {
  let number = 0
  let seen = 0
  return lines(path).pipe(
    Stream.filterMapEffect((line) => {
      number += 1
      if (line.trim() === "") return Option.none()
      seen += 1
      if (seen <= skip) return Option.none()
      return Option.some(parse(path, line, number))
    })
  )
}
