#!/usr/bin/env python3
"""
Lists every identity of every pool with boto3 (an independent client), straight from the
server given, and prints them as a JSON array of "poolId identityId". No retries: the server
is the emulator without faults, so any error is a real one.

    python3 boto3_identities.py http://127.0.0.1:PORT
"""
import json
import sys

import boto3
from botocore.config import Config

client = boto3.client(
    "cognito-identity",
    endpoint_url=sys.argv[1],
    region_name="us-east-1",
    config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
)


def pages(call, **kwargs):
    while True:
        page = call(**kwargs)
        yield page
        if not page.get("NextToken"):
            return
        kwargs["NextToken"] = page["NextToken"]


pools = [p["IdentityPoolId"] for page in pages(client.list_identity_pools, MaxResults=60) for p in page["IdentityPools"]]
keys = [
    f"{pool} {identity['IdentityId']}"
    for pool in pools
    for page in pages(client.list_identities, IdentityPoolId=pool, MaxResults=60)
    for identity in page["Identities"]
]
print(json.dumps(keys))
