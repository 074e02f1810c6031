/**
 * The Content-Type an awsJson service answers. AWS's front end picks the protocol from the
 * Content-Type before it looks at `X-Amz-Target`: a Kinesis request (awsJson 1.1, like this
 * service) sent as `application/octet-stream` was answered `UnknownOperationException`
 * (disneystreaming/smithy4s#167), so any other type — or none — gets that answer here, before
 * routing. Media type parameters are ignored ("A server should ignore parameters added to the
 * content type": Smithy's awsJson1_1 protocol test `AwsJson11ContentTypeParameters`), and the
 * awsJson 1.0 type is accepted too, as Coral serves both. AWS's body for that answer was an XML
 * element without a message; the emulator keeps its JSON error format and says what was wrong.
 */
import { CONTENT_TYPE } from "../../service.js"

const ACCEPTED: ReadonlySet<string> = new Set([CONTENT_TYPE, "application/x-amz-json-1.0"])

/** Why a request with this Content-Type header is not served; undefined when it is. */
export const contentTypeProblem = (header: string | undefined): string | undefined => {
  const mediaType = header?.split(";")[0]?.trim().toLowerCase()
  if (mediaType !== undefined && ACCEPTED.has(mediaType)) return undefined
  const shown = header === undefined ? "no Content-Type header" : `Content-Type '${header.slice(0, 128)}'`
  return `Unknown operation: the service answers requests of Content-Type ${CONTENT_TYPE} (or 1.0), not ${shown}`
}
