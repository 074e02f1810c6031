// Cold start: the bare Effect program (effect + Schema + @effect/platform), one GetId with
// FetchHttpClient decoded by one Schema struct: what any Effect client starts from.
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { answer, endpoint, POOL_ID } from "./answer.mjs"

const GetIdOutput = Schema.Struct({
  IdentityId: Schema.optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(55), Schema.pattern(/^[\w-]+:[0-9a-f-]+$/)))
})

HttpClient.HttpClient.pipe(
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
  Effect.provide(FetchHttpClient.layer),
  Effect.runPromise
).then((out) => answer(out.IdentityId))
