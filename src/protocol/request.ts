/**
 * What is sent: the input checked and encoded once per call, the headers of each attempt, and
 * their SigV4 signature. A `ValidationError` here means nothing was sent.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Ref from "effect/Ref"
import type { CredentialsError } from "../errors/ClientErrors.js"
import { inputIssue, ValidationError } from "../errors/ClientErrors.js"
import type { AwsCredentialsService } from "../layers/credentials/AwsCredentialIdentity.js"
import { describeRule } from "../schemas/Constraint.js"
import { protoKeyPaths } from "../schemas/protoKeys.js"
import { formatPath, violations } from "../schemas/Violation.js"
import { CONTENT_TYPE, TARGET_PREFIX } from "../service.js"
import { version } from "../version.js"
import type { AnyOperation } from "./Operation.js"
import type { ChecksumConstructor } from "./Checksum.js"
import { sign } from "./sign.js"

const encoder = new TextEncoder()

export interface EncodedInput {
  /** The encoded input, as the JSON the wire carries (read for the region an id names). */
  readonly wire: unknown
  readonly body: Uint8Array
}

/** Checks an input against the model and encodes it; compiled once per operation. */
export const makeInputEncoder = (op: AnyOperation): (input: unknown) => Either.Either<EncodedInput, ValidationError> => {
  const encode = ParseResult.encodeUnknownEither(op.input, { errors: "all" })
  const invalid = (issues: ValidationError["issues"]) => new ValidationError({ operation: op.name, attempts: 0, issues })
  return (input) => {
    // A `__proto__` map key cannot be sent faithfully (the schemas rebuild maps by assignment).
    const protoKeys = protoKeyPaths(input)
    if (protoKeys.length > 0) {
      return Either.left(invalid(protoKeys.map((path) => ({
        path: formatPath(path),
        rule: "key",
        message: "must not be named __proto__ (it cannot be sent faithfully)"
      }))))
    }
    return Either.match(encode(input), {
      onLeft: (issue) =>
        Either.left(invalid(violations(issue).map((v) =>
          inputIssue(v.path, formatPath(v.path), v.rule.kind, `must ${describeRule(v.rule)}`, v.actual)
        ))),
      onRight: (wire) => Either.right({ wire, body: encoder.encode(JSON.stringify(wire)) })
    })
  }
}

const USER_AGENT = `effect-cognito-identity/${version}`

/** The headers of every attempt of an operation, built once. */
export const constantHeaders = (op: AnyOperation): Readonly<Record<string, string>> => ({
  "x-amz-target": `${TARGET_PREFIX}${op.name}`,
  "x-amz-user-agent": USER_AGENT,
  "content-type": CONTENT_TYPE
})

/**
 * One attempt's headers, unsigned: the invocation id is the same for every attempt of a call
 * and `amz-sdk-request` counts them, as the AWS SDKs send them.
 */
export const attemptHeaders = (
  constant: Readonly<Record<string, string>>,
  invocationId: string,
  attempt: number,
  maxAttempts: number
): Record<string, string> => ({
  ...constant,
  "amz-sdk-invocation-id": invocationId,
  "amz-sdk-request": Number.isFinite(maxAttempts) ? `attempt=${attempt}; max=${maxAttempts}` : `attempt=${attempt}`
})

/**
 * The headers, signed with the credentials as they are now and the service's clock as last
 * learned (`clockOffset`). A failure to obtain or use the credentials reports the attempt.
 */
export const signHeaders = (
  credentials: AwsCredentialsService,
  request: { readonly url: URL; readonly headers: Record<string, string>; readonly body: Uint8Array },
  region: string,
  clockOffset: Ref.Ref<number>,
  sha256: ChecksumConstructor | undefined,
  attempt: number
): Effect.Effect<Record<string, string>, CredentialsError> =>
  Effect.gen(function*() {
    const identity = yield* credentials.get
    const now = yield* Clock.currentTimeMillis
    const offset = yield* Ref.get(clockOffset)
    return yield* sign(request, identity, region, new Date(now + offset), sha256)
  }).pipe(Effect.mapError((error) => error.withAttempts(attempt)))
