// One GetId call with the AWS SDK v3 client (node or browser). Bundled by bench/lib/bundles.mjs.
import { CognitoIdentityClient, GetIdCommand } from "@aws-sdk/client-cognito-identity"

const client = new CognitoIdentityClient({ region: "us-east-1" })

client.send(new GetIdCommand({ IdentityPoolId: "us-east-1:7c1e9b2d-4f0a-4b3a-9e8f-000000000060" }))
  .then((out) => console.log(out.IdentityId))
