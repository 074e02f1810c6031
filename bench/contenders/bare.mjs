/**
 * Not a client: the bare Effect program the issue measures this client against for cold start
 * (the bundle phase's "Effect + FetchHttpClient + one Schema" is the same program). It imports
 * effect, Schema and @effect/platform, sends one GetId with `FetchHttpClient` (the only HTTP
 * client @effect/platform itself ships) and decodes the answer with one Schema struct: the
 * least any Effect client built on those three loads before doing anything of its own.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { POOL_ID } from "../lib/fixtures.mjs"

const GetIdOutput = Schema.Struct({
  IdentityId: Schema.optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(55), Schema.pattern(/^[\w-]+:[0-9a-f-]+$/)))
})

export const create = async ({ endpoint }) => {
  const getId = HttpClient.HttpClient.pipe(
    Effect.flatMap((client) =>
      client.execute(
        HttpClientRequest.post(endpoint).pipe(
          HttpClientRequest.setHeader("x-amz-target", "AWSCognitoIdentityService.GetId"),
          HttpClientRequest.bodyText(`{"IdentityPoolId":"${POOL_ID}"}`, "application/x-amz-json-1.1")
        )
      )
    ),
    Effect.flatMap((response) => response.json),
    Effect.flatMap(Schema.decodeUnknown(GetIdOutput)),
    Effect.map((out) => out.IdentityId),
    Effect.provide(FetchHttpClient.layer)
  )
  return {
    getId: () => Effect.runPromise(getId),
    close: async () => {}
  }
}
