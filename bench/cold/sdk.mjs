// Cold start: one GetId with the AWS SDK v3 client.
import { CognitoIdentityClient, GetIdCommand } from "@aws-sdk/client-cognito-identity"
import { answer, endpoint, POOL_ID } from "./answer.mjs"

new CognitoIdentityClient({ region: "us-east-1", endpoint })
  .send(new GetIdCommand({ IdentityPoolId: POOL_ID }))
  .then((out) => answer(out.IdentityId))
