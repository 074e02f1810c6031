#!/usr/bin/env python3
"""
The emulator's opt-in IAM mode seen by boto3: a guest of pool MINE gets temporary credentials
(unsigned GetId and GetCredentialsForIdentity, as boto3 sends them on its own), then calls
signed operations with them; the account's long-term keys (from the environment) do the same.
Prints one JSON report of what botocore parsed for each step, for iam.test.ts to assert on.

    python3 iam_flow.py http://127.0.0.1:PORT MINE_POOL_ID THEIRS_POOL_ID
"""
import json
import sys

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT, MINE, THEIRS = sys.argv[1], sys.argv[2], sys.argv[3]
REGION = "us-east-1"
NO_RETRIES = {"total_max_attempts": 1, "mode": "standard"}
steps = {}


def client(**kwargs):
    config = kwargs.pop("config", Config(retries=NO_RETRIES))
    return boto3.session.Session().client("cognito-identity", region_name=REGION, endpoint_url=ENDPOINT, config=config, **kwargs)


def step(name, call):
    try:
        response = call()
    except ClientError as error:
        steps[name] = {
            "error": {
                "code": error.response.get("Error", {}).get("Code"),
                "message": error.response.get("Error", {}).get("Message"),
                "status": error.response.get("ResponseMetadata", {}).get("HTTPStatusCode"),
            }
        }
        return None
    except Exception as error:  # noqa: BLE001 - recorded, asserted on by the test
        steps[name] = {"exception": f"{type(error).__name__}: {error}"}
        return None
    response.pop("ResponseMetadata", None)
    steps[name] = {"ok": response}
    return response


unsigned = client(config=Config(signature_version=UNSIGNED, retries=NO_RETRIES))
identity = step("GetId", lambda: unsigned.get_id(IdentityPoolId=MINE))
credentials = step(
    "GetCredentialsForIdentity",
    lambda: unsigned.get_credentials_for_identity(IdentityId=identity["IdentityId"]),
)
issued = credentials["Credentials"]
guest = client(
    aws_access_key_id=issued["AccessKeyId"],
    aws_secret_access_key=issued["SecretKey"],
    aws_session_token=issued["SessionToken"],
)
admin = client()

step("guest DescribeIdentityPool mine", lambda: guest.describe_identity_pool(IdentityPoolId=MINE))
step("guest GetIdentityPoolRoles mine", lambda: guest.get_identity_pool_roles(IdentityPoolId=MINE))
step("guest DescribeIdentityPool theirs", lambda: guest.describe_identity_pool(IdentityPoolId=THEIRS))
step("guest ListIdentities mine", lambda: guest.list_identities(IdentityPoolId=MINE, MaxResults=10))
step("guest ListIdentityPools", lambda: guest.list_identity_pools(MaxResults=10))
step(
    "guest SetIdentityPoolRoles mine",
    lambda: guest.set_identity_pool_roles(
        IdentityPoolId=MINE, Roles={"unauthenticated": "arn:aws:iam::123456789012:role/Admin"}
    ),
)
step("guest DeleteIdentityPool mine", lambda: guest.delete_identity_pool(IdentityPoolId=MINE))
step("admin DeleteIdentityPool theirs", lambda: admin.delete_identity_pool(IdentityPoolId=THEIRS))
step("admin ListIdentityPools", lambda: admin.list_identity_pools(MaxResults=10))

print(json.dumps({"steps": steps}, default=str))
