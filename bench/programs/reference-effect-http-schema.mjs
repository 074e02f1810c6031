// Reference, not a contender: one POST with FetchHttpClient and its JSON answer decoded by a
// Schema struct, the least an Effect client built on @effect/platform and Schema can ship.
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

const GetIdOutput = Schema.Struct({
  IdentityId: Schema.optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(55), Schema.pattern(/^[\w-]+:[0-9a-f-]+$/)))
})

HttpClient.HttpClient.pipe(
  Effect.flatMap((client) =>
    client.execute(
      HttpClientRequest.post("https://cognito-identity.us-east-1.amazonaws.com/").pipe(
        HttpClientRequest.setHeader("x-amz-target", "AWSCognitoIdentityService.GetId"),
        HttpClientRequest.bodyText(`{"IdentityPoolId":"us-east-1:7c1e9b2d-4f0a-4b3a-9e8f-000000000060"}`, "application/x-amz-json-1.1")
      )
    )
  ),
  Effect.flatMap((response) => response.json),
  Effect.flatMap(Schema.decodeUnknown(GetIdOutput)),
  Effect.provide(FetchHttpClient.layer),
  Effect.runPromise
).then((out) => console.log(out.IdentityId))
