/** The types users name in their code are exported from the package entry. */
import type { Effect } from "effect"
import { describe, expectTypeOf, it } from "vitest"
import type {
  CognitoIdentityClient,
  Credentials,
  GetIdError,
  GetIdInput,
  GetIdOutput,
  IdentityDescription,
  IdentityPool
} from "../../src/index.js"
import { CognitoIdentity } from "../../src/index.js"

describe("exported types", () => {
  it("operation input, output and error types match the functions", () => {
    expectTypeOf(CognitoIdentity.getId).toEqualTypeOf<
      (input: GetIdInput) => Effect.Effect<GetIdOutput, GetIdError, CognitoIdentityClient>
    >()
    expectTypeOf<IdentityPool["IdentityPoolId"]>().toEqualTypeOf<string>()
    expectTypeOf<IdentityDescription["CreationDate"]>().toEqualTypeOf<Date | undefined>()
    expectTypeOf<NonNullable<Credentials["SecretKey"]>>().not.toEqualTypeOf<string>()
  })
})
