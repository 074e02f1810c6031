// One GetId call with this client in a browser (FetchHttpClient), importing the package's
// subpaths: `effect-cognito-identity/CognitoIdentity` as a namespace and
// `effect-cognito-identity/CognitoIdentityClient`. esbuild cannot tree-shake the root index's
// `export * as CognitoIdentity` (it builds the namespace object, which holds all 23 operations
// and so the signer: evanw/esbuild#1420); imported this way it keeps GetId alone.
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as CognitoIdentity from "../../dist/CognitoIdentity.js"
import { CognitoIdentityClient } from "../../dist/layers/CognitoIdentityClient.js"

const client = CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(FetchHttpClient.layer))

CognitoIdentity.getId({ IdentityPoolId: "us-east-1:7c1e9b2d-4f0a-4b3a-9e8f-000000000060" }).pipe(
  Effect.provide(client),
  Effect.runPromise
).then((out) => console.log(out.IdentityId))
