// Cold start: one GetId as the floor sends it (undici request on a keep-alive Agent, JSON.parse).
import { Agent, request } from "undici"
import { answer, endpoint, POOL_ID } from "./answer.mjs"

const response = await request(endpoint, {
  method: "POST",
  headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityService.GetId" },
  body: `{"IdentityPoolId":"${POOL_ID}"}`,
  dispatcher: new Agent({ connections: 64, keepAliveTimeout: 4_000 })
})
answer(JSON.parse(await response.body.text()).IdentityId)
