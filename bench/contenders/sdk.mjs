/**
 * The official AWS SDK v3 client with its defaults (NodeHttpHandler, standard retry mode),
 * pointed at the local server with static credentials.
 */
import {
  CognitoIdentityClient,
  DescribeIdentityPoolCommand,
  GetIdCommand,
  ListIdentitiesCommand
} from "@aws-sdk/client-cognito-identity"
import { CREDENTIALS, expectEqual, GETID_IDENTITY, PAGE_SIZE, POOL_ID, POOL_NAME, REGION } from "../lib/fixtures.mjs"
import { runLoop } from "../lib/loop.mjs"

export const create = async ({ endpoint }) => {
  // A copy: the SDK annotates the credentials object it is given.
  const client = new CognitoIdentityClient({ region: REGION, endpoint, credentials: { ...CREDENTIALS } })

  const calls = {
    signed: async () => {
      const pool = await client.send(new DescribeIdentityPoolCommand({ IdentityPoolId: POOL_ID }))
      expectEqual("DescribeIdentityPool.IdentityPoolName", pool.IdentityPoolName, POOL_NAME)
    },
    unsigned: async () => {
      const out = await client.send(new GetIdCommand({ IdentityPoolId: POOL_ID }))
      expectEqual("GetId.IdentityId", out.IdentityId, GETID_IDENTITY)
    }
  }

  const exports = {
    // The plain NextToken loop a user writes (the SDK's paginator is the same loop in a generator).
    loop: async (poolId, check) => {
      let token
      do {
        const page = await client.send(
          new ListIdentitiesCommand({ IdentityPoolId: poolId, MaxResults: PAGE_SIZE, NextToken: token })
        )
        for (const identity of page.Identities ?? []) check.item(identity.IdentityId)
        token = page.NextToken
      } while (token !== undefined)
    }
  }

  return {
    getId: async () => (await client.send(new GetIdCommand({ IdentityPoolId: POOL_ID }))).IdentityId,
    runCalls: (kind, n, concurrency) => runLoop(n, concurrency, calls[kind]),
    exportCount: (variant, poolId, check) => exports[variant](poolId, check),
    close: async () => client.destroy()
  }
}
