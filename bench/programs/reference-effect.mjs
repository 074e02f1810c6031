// Reference, not a contender: the smallest Effect program, to show what the runtime alone weighs.
import * as Effect from "effect/Effect"

Effect.runPromise(Effect.succeed("us-east-1:0b8f8d3a-6a5e-4c1d-9f2e-5d4c3b2a1f0e")).then((id) => console.log(id))
