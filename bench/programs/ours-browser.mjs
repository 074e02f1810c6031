// One GetId call with this client in a browser (FetchHttpClient). Bundled by bench/lib/bundles.mjs.
// Effect and @effect/platform are imported by module, as they recommend for bundle size.
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { CognitoIdentity, CognitoIdentityClient } from "../../dist/index.js"

const client = CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(FetchHttpClient.layer))

CognitoIdentity.getId({ IdentityPoolId: "us-east-1:7c1e9b2d-4f0a-4b3a-9e8f-000000000060" }).pipe(
  Effect.provide(client),
  Effect.runPromise
).then((out) => console.log(out.IdentityId))
