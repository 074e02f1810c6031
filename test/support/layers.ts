/** Layers shared by the client tests: a client on a recording transport, with test credentials. */
import { Layer } from "effect"
import { AwsCredentials, CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import type { Responder } from "./RecordingHttp.js"
import { makeRecordingHttp } from "./RecordingHttp.js"

import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from "./fixtures.js"

/** The example key pair of fixtures.ts, as a credentials layer. */
export const testCredentials = AwsCredentials.static({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY })

export const recordingClient = (
  responder: Responder,
  options: Parameters<typeof CognitoIdentityClient.layer>[0] = { region: "us-east-1" }
) => {
  const http = makeRecordingHttp(responder)
  const layer = Layer.mergeAll(
    CognitoIdentityClient.layer(options).pipe(Layer.provide(http.layer)),
    testCredentials,
    RetryPolicy.layerNone
  )
  return { requests: http.requests, layer }
}
