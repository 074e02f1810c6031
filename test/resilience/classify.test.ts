import { describe, expect, it } from "@effect/vitest"
import {
  AccessDeniedException,
  DecodeError,
  ExpiredTokenException,
  InternalErrorException,
  InvalidParameterException,
  InvalidSignatureException,
  LimitExceededException,
  NotAuthorizedException,
  ResourceNotFoundException,
  ThrottlingException,
  TimeoutError,
  TooManyRequestsException,
  TransportError,
  UnknownServiceError,
  ValidationError,
  ValidationException
} from "../../src/index.js"
import { classify, isNoResponse } from "../../src/protocol/classify.js"

const service = { message: "m", status: 400 }

describe("classify", () => {
  const cases: ReadonlyArray<readonly [string, unknown, ReturnType<typeof classify>]> = [
    ["TooManyRequestsException (HTTP 400)", new TooManyRequestsException(service), "throttling"],
    ["ThrottlingException", new ThrottlingException(service), "throttling"],
    ["HTTP 429 without a code", new UnknownServiceError({ ...service, status: 429, code: "429" }), "throttling"],
    ["a foreign throttling code", new UnknownServiceError({ ...service, code: "RequestLimitExceeded" }), "throttling"],
    ["InternalErrorException", new InternalErrorException({ ...service, status: 500 }), "transient"],
    ["HTTP 500 without a code", new UnknownServiceError({ ...service, status: 500, code: "500" }), "transient"],
    ["HTTP 502 from a proxy", new UnknownServiceError({ ...service, status: 502, code: "502" }), "transient"],
    ["HTTP 503", new UnknownServiceError({ ...service, status: 503, code: "503" }), "transient"],
    ["HTTP 504", new UnknownServiceError({ ...service, status: 504, code: "504" }), "transient"],
    ["an unreadable 503 page", new DecodeError({ operation: "GetId", message: "m", status: 503 }), "transient"],
    ["connection reset", new TransportError({ operation: "GetId", message: "ECONNRESET" }), "transient"],
    ["attempt timeout", new TimeoutError({ operation: "GetId", scope: "attempt", timeoutMillis: 1 }), "transient"],
    [
      "Signature expired",
      new InvalidSignatureException({ ...service, message: "Signature expired: 20240101T000000Z is now earlier than ..." }),
      "clockSkew"
    ],
    [
      "Signature not yet current",
      new InvalidSignatureException({ ...service, message: "Signature not yet current: 20240101T001000Z is still later than ..." }),
      "clockSkew"
    ],
    ["ExpiredTokenException", new ExpiredTokenException(service), "expiredCredentials"],
    // Everything else is returned at once.
    ["call timeout", new TimeoutError({ operation: "GetId", scope: "call", timeoutMillis: 1 }), undefined],
    ["signature mismatch", new InvalidSignatureException({ ...service, message: "The request signature we calculated does not match" }), undefined],
    ["LimitExceededException (a quota, not a rate)", new LimitExceededException(service), undefined],
    ["ResourceNotFoundException", new ResourceNotFoundException(service), undefined],
    ["NotAuthorizedException", new NotAuthorizedException(service), undefined],
    ["InvalidParameterException", new InvalidParameterException(service), undefined],
    ["ValidationException", new ValidationException(service), undefined],
    ["AccessDeniedException", new AccessDeniedException(service), undefined],
    ["HTTP 400 without a code", new UnknownServiceError({ ...service, code: "400" }), undefined],
    ["an undecodable 200", new DecodeError({ operation: "GetId", message: "m", status: 200 }), undefined],
    ["client-side validation", new ValidationError({ operation: "GetId", issues: [] }), undefined],
    ["not an error at all", "boom", undefined]
  ]
  for (const [name, error, expected] of cases) {
    it(`${name} → ${expected ?? "not retried"}`, () => {
      expect(classify(error)).toBe(expected)
    })
  }

  it("only failures without a response are charged the timeout cost", () => {
    expect(isNoResponse(new TransportError({ operation: "GetId", message: "reset" }))).toBe(true)
    expect(isNoResponse(new TimeoutError({ operation: "GetId", scope: "attempt", timeoutMillis: 1 }))).toBe(true)
    expect(isNoResponse(new TimeoutError({ operation: "GetId", scope: "call", timeoutMillis: 1 }))).toBe(false)
    expect(isNoResponse(new InternalErrorException({ ...service, status: 500 }))).toBe(false)
  })
})
