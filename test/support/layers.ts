/** Layers shared by the client tests: a client on a recording transport, with test credentials. */
import { Layer } from "effect"
import { AwsCredentials, CognitoIdentityClient, RetryPolicy } from "../../src/index.js"
import type { Responder } from "./RecordingHttp.js"
import { makeRecordingHttp } from "./RecordingHttp.js"

/** The AWS documentation's example key pair (also what the emulator accepts by default). */
export const TEST_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
export const TEST_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

export const testCredentials = AwsCredentials.static({
  accessKeyId: TEST_ACCESS_KEY_ID,
  secretAccessKey: TEST_SECRET_ACCESS_KEY
})

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
