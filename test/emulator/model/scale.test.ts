import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { ListIdentitiesInput, ListIdentitiesOutput } from "../../../src/operations/ListIdentities.js"
import { ACCOUNT, newModel, NOW, REGION, signed, uuidFor } from "./support.js"

const IDENTITIES = 1_000_000
const PAGE = 60
const TARGET_PAGE = 10_000

const decodeInput = Schema.decodeUnknownSync(ListIdentitiesInput)
const isOutput = Schema.is(ListIdentitiesOutput)

// Set CI_SCALE=0 to skip on very slow machines; it normally runs (a few seconds).
describe.skipIf(process.env["CI_SCALE"] === "0")("scale", () => {
  it("holds 1,000,000 identities in one pool and reaches page 10,000 by following NextToken", () => {
    const model = newModel()
    const [pool = ""] = model.seed({ accountId: ACCOUNT, region: REGION, pools: 1, identitiesPerPool: IDENTITIES, now: NOW })
    let token: string | undefined
    let last: NonNullable<ListIdentitiesOutput["Identities"]> = []
    for (let page = 1; page <= TARGET_PAGE; page++) {
      const input = decodeInput({ IdentityPoolId: pool, MaxResults: PAGE, ...(token === undefined ? {} : { NextToken: token }) })
      const result = model.handle("ListIdentities", input, signed())
      if (result._tag === "Left") throw new Error(`page ${page}: ${result.left.code}`)
      const output = result.right
      if (!isOutput(output)) throw new Error(`page ${page}: not a ListIdentities output`)
      last = output.Identities ?? []
      token = output.NextToken
      if (token === undefined) throw new Error(`no NextToken after page ${page}`)
    }
    // uuid 0 is the pool; identity k (0-based, creation order) got uuid k + 1.
    const first = (TARGET_PAGE - 1) * PAGE
    expect(last.map((identity) => identity.IdentityId)).toEqual(
      Array.from({ length: PAGE }, (_, i) => `${REGION}:${uuidFor(first + i + 1)}`)
    )
    expect(last[0]?.CreationDate).toEqual(new Date(NOW.getTime() - (IDENTITIES - 1 - first) * 1000))
  })
})
