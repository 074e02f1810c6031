// One GetId call with this client on Node (UndiciHttpClient), importing the package's subpaths
// (`effect-cognito-identity/CognitoIdentity` as a namespace, `.../CognitoIdentityClient`,
// `.../node/UndiciHttpClient`), the way an esbuild user keeps the other operations and the
// signer out of the bundle (see ours-browser-subpath.mjs).
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as CognitoIdentity from "../../dist/CognitoIdentity.js"
import { CognitoIdentityClient } from "../../dist/layers/CognitoIdentityClient.js"
import { UndiciHttpClient } from "../../dist/node/UndiciHttpClient.js"

const client = CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(UndiciHttpClient.layer))

CognitoIdentity.getId({ IdentityPoolId: "us-east-1:7c1e9b2d-4f0a-4b3a-9e8f-000000000060" }).pipe(
  Effect.provide(client),
  Effect.runPromise
).then((out) => console.log(out.IdentityId))
