/**
 * The functions follow from the one list of operations: `CognitoIdentity` has exactly one
 * function per descriptor of `operations/index.ts` (plus the six streams of the three paginated
 * ones), each typed from its descriptor.
 */
import { describe, expect, expectTypeOf, it } from "vitest"
import { CognitoIdentity } from "../../src/index.js"
import type { OperationFunction } from "../../src/operationFunction.js"
import type { OperationsByName } from "../../src/operations/table.js"
import { operationTable } from "../../src/operations/table.js"

type Expected = { readonly [K in keyof OperationsByName as Uncapitalize<K>]: OperationFunction<OperationsByName[K]> }
type Namespace = typeof CognitoIdentity
type Streams = `${string}Pages` | `${string}Stream`

describe("one function per operation of the list", () => {
  it("types: the namespace's functions are exactly the list's, typed from the descriptors", () => {
    expectTypeOf<Pick<Namespace, keyof Expected>>().toEqualTypeOf<Expected>()
    expectTypeOf<Exclude<keyof Namespace, Streams>>().toEqualTypeOf<keyof Expected>()
  })

  it("values: a function for each of the 23 operations, and streams for the paginated ones", () => {
    const names = [...operationTable.keys()]
    expect(names).toHaveLength(23)
    const uncapitalized = (name: string) => `${name.charAt(0).toLowerCase()}${name.slice(1)}`
    for (const name of names) expect(typeof Reflect.get(CognitoIdentity, uncapitalized(name)), name).toBe("function")
    const paginated = [...operationTable.values()].filter((op) => op.pagination !== undefined).map((op) => op.name).sort()
    expect(paginated).toEqual(["ListIdentities", "ListIdentityPools", "LookupDeveloperIdentity"])
    for (const name of paginated) {
      expect(typeof Reflect.get(CognitoIdentity, `${uncapitalized(name)}Pages`)).toBe("function")
      expect(typeof Reflect.get(CognitoIdentity, `${uncapitalized(name)}Stream`)).toBe("function")
    }
    expect(Object.keys(CognitoIdentity)).toHaveLength(23 + 6)
  })

  it("facts: read-only operations and secret members come from the descriptors", () => {
    const readOnly = [...operationTable.values()].filter((op) => op.readOnly).map((op) => op.name).sort()
    expect(readOnly).toEqual([
      "DescribeIdentity",
      "DescribeIdentityPool",
      "GetIdentityPoolRoles",
      "GetPrincipalTagAttributeMap",
      "ListIdentities",
      "ListIdentityPools",
      "ListTagsForResource",
      "LookupDeveloperIdentity"
    ])
    const secrets = Object.fromEntries(
      [...operationTable.values()]
        .filter((op) => op.secrets.input.length + op.secrets.output.length > 0)
        .map((op) => [op.name, op.secrets])
    )
    expect(secrets).toEqual({
      GetCredentialsForIdentity: { input: ["Logins"], output: ["Credentials.SecretKey", "Credentials.SessionToken"] },
      GetId: { input: ["Logins"], output: [] },
      GetOpenIdToken: { input: ["Logins"], output: ["Token"] },
      GetOpenIdTokenForDeveloperIdentity: { input: ["Logins"], output: ["Token"] },
      UnlinkIdentity: { input: ["Logins"], output: [] }
    })
  })
})
