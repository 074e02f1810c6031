// One GetId call with this client on Node (UndiciHttpClient). Bundled by bench/lib/bundles.mjs.
// Effect is imported by module (effect/Effect), as Effect recommends for bundle size; the
// barrel ("effect") costs a program ~20 KiB gzipped more with esbuild.
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { CognitoIdentity, CognitoIdentityClient } from "../../dist/index.js"
import { UndiciHttpClient } from "../../dist/node/index.js"

const client = CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(UndiciHttpClient.layer))

CognitoIdentity.getId({ IdentityPoolId: "us-east-1:7c1e9b2d-4f0a-4b3a-9e8f-000000000060" }).pipe(
  Effect.provide(client),
  Effect.runPromise
).then((out) => console.log(out.IdentityId))
