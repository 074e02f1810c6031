/**
 * What is sent: the input checked and encoded once per call, and the headers of each attempt
 * (signed by `sign.ts`, for signed operations). A `ValidationError` here means nothing was sent.
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import { inputIssue, ValidationError } from "../errors/ClientErrors.js"
import { describeRule } from "../schemas/Constraint.js"
import { protoKeyPaths } from "../schemas/protoKeys.js"
import { formatPath, violations } from "../schemas/Violation.js"
import { CONTENT_TYPE, TARGET_PREFIX } from "../service.js"
import { version } from "../version.js"
import type { AnyOperation } from "./Operation.js"

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

/**
 * An operation's attempt headers, unsigned: the invocation id is the same for every attempt of
 * a call and `amz-sdk-request` counts them, as the AWS SDKs send them. Built as one literal per
 * attempt (no spread of a shared object: this runs on every call).
 */
export const attemptHeaders = (op: AnyOperation) => {
  const target = `${TARGET_PREFIX}${op.name}`
  return (invocationId: string, attempt: number, maxAttempts: number): Record<string, string> => ({
    "x-amz-target": target,
    "x-amz-user-agent": USER_AGENT,
    "content-type": CONTENT_TYPE,
    "amz-sdk-invocation-id": invocationId,
    "amz-sdk-request": Number.isFinite(maxAttempts) ? `attempt=${attempt}; max=${maxAttempts}` : `attempt=${attempt}`
  })
}
