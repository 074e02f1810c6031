import { it } from "vitest"
import { Effect, Layer } from "effect"
import { CognitoIdentity, CognitoIdentityClient } from "../src/index.js"
import { Emulator } from "../src/emulator/index.js"
it("x", async () => {
const layer = CognitoIdentityClient.layer({ region: "us-east-1" }).pipe(Layer.provide(Emulator.layer()))
for (const input of [null, undefined, 5, "x", [], { IdentityPoolId: 5 }, {Logins: null}]) {
  const e = await Effect.runPromise(CognitoIdentity.getId(input as any).pipe(Effect.flip, Effect.provide(layer)))
  console.log(JSON.stringify(input), "=>", e._tag, e.message, JSON.stringify((e as any).issues))
}
})
