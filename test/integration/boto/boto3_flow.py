#!/usr/bin/env python3
"""
Drives the emulator server with boto3, an independent client nobody on this project wrote, and
prints one JSON report on stdout for boto3.test.ts to assert on.

    python3 boto3_flow.py http://127.0.0.1:PORT

Credentials come from the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), region
us-east-1. Every call is one "step" of the report, recorded as
    {"ok": <response without ResponseMetadata>, "requestId", "status"}
    {"error": {"code", "message", "status"}, "requestId"}   botocore's ClientError, as botocore parsed it
    {"exception": "<type>: <text>"}              anything else (a bug in this flow or in the server)
and the flow goes on after a failed step so that one report shows every disagreement. A step
whose prerequisite failed records the resulting exception instead of hiding it.

The report also records, per operation, whether boto3 signed the requests it sent (it sends the
four public operations unsigned on its own), and what an independent JWT check made of the
OpenID tokens the server issued.
"""
import base64
import hashlib
import json
import sys
import time
import urllib.request

import boto3
import botocore
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = sys.argv[1]
REGION = "us-east-1"
ACCOUNT = "123456789012"
ISSUER = "https://cognito-identity.amazonaws.com"
DEVELOPER_PROVIDER = "login.example.app"
FACEBOOK = "graph.facebook.com"
ROLE_AUTH = "arn:aws:iam::123456789012:role/Cognito_Auth"
ROLE_UNAUTH = "arn:aws:iam::123456789012:role/Cognito_Unauth"
ROLE_GOLD = "arn:aws:iam::123456789012:role/Cognito_Gold"
# The second key pair of the AWS documentation: well formed, unknown to the emulator.
UNKNOWN_KEY = ("AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY")

# No retries: a 5xx or a throttle must show up in the report, not be papered over.
NO_RETRIES = {"total_max_attempts": 1, "mode": "standard"}

report = {
    "versions": {"boto3": boto3.__version__, "botocore": botocore.__version__, "python": sys.version.split()[0]},
    "steps": {},
    "values": {},
    "signed": {},
    "tokens": {},
}
steps = report["steps"]
values = report["values"]


def make_client(**kwargs):
    config = kwargs.pop("config", Config(retries=NO_RETRIES))
    client = boto3.session.Session().client(
        "cognito-identity", region_name=REGION, endpoint_url=ENDPOINT, config=config, **kwargs
    )
    client.meta.events.register("before-send.cognito-identity", record_signing)
    return client


def record_signing(request, **_):
    target = request.headers.get("X-Amz-Target", b"")
    target = target.decode() if isinstance(target, bytes) else target
    operation = target.rsplit(".", 1)[-1]
    seen = report["signed"].setdefault(operation, [])
    signed = "Authorization" in request.headers
    if signed not in seen:
        seen.append(signed)
    return None  # go on and send it


def step(name, call):
    """Runs one call and records its outcome under `name`; returns the response or None."""
    try:
        response = call()
    except ClientError as error:
        steps[name] = {
            "error": {
                "code": error.response.get("Error", {}).get("Code"),
                "message": error.response.get("Error", {}).get("Message"),
                "status": error.response.get("ResponseMetadata", {}).get("HTTPStatusCode"),
            },
            "requestId": error.response.get("ResponseMetadata", {}).get("RequestId"),
        }
        return None
    except Exception as error:  # noqa: BLE001 - recorded, asserted on by the test
        steps[name] = {"exception": f"{type(error).__name__}: {error}"}
        return None
    if isinstance(response, dict) and "ResponseMetadata" in response:
        metadata = response["ResponseMetadata"]
        response = {key: value for key, value in response.items() if key != "ResponseMetadata"}
        steps[name] = {"ok": response, "requestId": metadata.get("RequestId"), "status": metadata.get("HTTPStatusCode")}
    else:
        steps[name] = {"ok": response}
    return response


def get(response, key):
    """A member of a response, or an exception naming what is missing (recorded by `step`)."""
    if response is None:
        raise RuntimeError(f"prerequisite failed, no {key}")
    return response[key]


# ------------------------------------------------------------------------------------------------
# OpenID tokens: decoded by hand (or with PyJWT when installed), signature checked against the
# server's JWKS with a pure-Python PKCS#1 v1.5 check and, when importable, with `cryptography`.
# ------------------------------------------------------------------------------------------------

DIGEST_INFO = {
    "RS256": (hashlib.sha256, bytes.fromhex("3031300d060960864801650304020105000420")),
    "RS384": (hashlib.sha384, bytes.fromhex("3041300d060960864801650304020205000430")),
    "RS512": (hashlib.sha512, bytes.fromhex("3051300d060960864801650304020305000440")),
}


def b64url(segment):
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def rsa_numbers(jwk):
    return int.from_bytes(b64url(jwk["e"]), "big"), int.from_bytes(b64url(jwk["n"]), "big")


def manual_verify(alg, jwk, signing_input, signature):
    """RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2) with nothing but int arithmetic."""
    if alg not in DIGEST_INFO or jwk.get("kty") != "RSA":
        return None
    hash_function, prefix = DIGEST_INFO[alg]
    e, n = rsa_numbers(jwk)
    k = (n.bit_length() + 7) // 8
    s = int.from_bytes(signature, "big")
    if len(signature) != k or s >= n:
        return False
    t = prefix + hash_function(signing_input).digest()
    expected = b"\x00\x01" + b"\xff" * (k - len(t) - 3) + b"\x00" + t
    return pow(s, e, n).to_bytes(k, "big") == expected


def cryptography_verify(alg, jwk, signing_input, signature):
    """None when the `cryptography` package is not importable."""
    try:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding, rsa
    except ImportError:
        return None
    algorithms = {"RS256": hashes.SHA256, "RS384": hashes.SHA384, "RS512": hashes.SHA512}
    if alg not in algorithms:
        return False
    e, n = rsa_numbers(jwk)
    key = rsa.RSAPublicNumbers(e, n).public_key()
    try:
        key.verify(signature, signing_input, padding.PKCS1v15(), algorithms[alg]())
        return True
    except InvalidSignature:
        return False


def pyjwt_claims(token, jwk, alg, audience):
    """Claims as PyJWT decodes (and, with cryptography, verifies) them; None without PyJWT."""
    try:
        import jwt as pyjwt
    except ImportError:
        return None
    if not hasattr(pyjwt, "PyJWK"):
        return None  # some other package named `jwt`
    try:
        try:
            key = pyjwt.PyJWK(jwk).key
        except Exception:  # noqa: BLE001 - PyJWT without cryptography cannot load RSA keys
            return {"verified": False, "claims": pyjwt.decode(token, options={"verify_signature": False})}
        claims = pyjwt.decode(token, key=key, algorithms=[alg], audience=audience, issuer=ISSUER)
        return {"verified": True, "claims": claims}
    except Exception as error:  # noqa: BLE001
        return {"error": f"{type(error).__name__}: {error}"}


def importable(module):
    try:
        __import__(module)
        return True
    except ImportError:
        return False


def fetch_jwks():
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(f"{ENDPOINT}/.well-known/jwks.json", timeout=10) as response:
        return {"status": response.status, "contentType": response.headers.get("Content-Type"), "body": json.load(response)}


def inspect_token(name, token, jwks, audience):
    try:
        head, payload, signature = token.split(".")
        header = json.loads(b64url(head))
        claims = json.loads(b64url(payload))
        signing_input = f"{head}.{payload}".encode()
        signature_bytes = b64url(signature)
        jwk = next((key for key in jwks.get("keys", []) if key.get("kid") == header.get("kid")), None)
        result = {"header": header, "claims": claims, "kidInJwks": jwk is not None}
        if jwk is not None:
            alg = header.get("alg")
            result["manualSignatureValid"] = manual_verify(alg, jwk, signing_input, signature_bytes)
            result["cryptographySignatureValid"] = cryptography_verify(alg, jwk, signing_input, signature_bytes)
            # The same signature over different claims must not verify: the check is not vacuous.
            forged = f"{head}.{base64.urlsafe_b64encode(json.dumps({**claims, 'sub': 'forged'}).encode()).decode().rstrip('=')}"
            result["tamperedRejected"] = manual_verify(alg, jwk, forged.encode(), signature_bytes) is False
            result["pyjwt"] = pyjwt_claims(token, jwk, alg, audience)
        report["tokens"][name] = result
    except Exception as error:  # noqa: BLE001
        report["tokens"][name] = {"exception": f"{type(error).__name__}: {error}"}


def facebook_token(sub, tier):
    """An unsigned JWT standing for a Facebook login: the emulator reads `sub` and the claims
    (docs/service-behaviour.md §7 convention: third-party tokens cannot be validated offline)."""

    def segment(data):
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    now = int(time.time())
    claims = {"sub": sub, "tier": tier, "aud": "123456789012345", "iat": now, "exp": now + 3600}
    return f"{segment({'alg': 'RS256', 'typ': 'JWT'})}.{segment(claims)}.c2lnbmF0dXJl"


def flow():
    client = make_client()
    report["cryptographyAvailable"] = importable("cryptography.hazmat.primitives.asymmetric.rsa")
    report["pyjwtAvailable"] = importable("jwt") and hasattr(sys.modules["jwt"], "PyJWK")

    # -- pool CRUD -------------------------------------------------------------------------------
    pool = step(
        "CreateIdentityPool",
        lambda: client.create_identity_pool(
            IdentityPoolName="boto3 pool",
            AllowUnauthenticatedIdentities=True,
            SupportedLoginProviders={FACEBOOK: "123456789012345"},
            DeveloperProviderName=DEVELOPER_PROVIDER,
            IdentityPoolTags={"team": "identity"},
        ),
    )
    pool_id = pool["IdentityPoolId"] if pool else "us-east-1:00000000-0000-4000-8000-00000000000f"
    values["poolId"] = pool_id
    described = step("DescribeIdentityPool", lambda: client.describe_identity_pool(IdentityPoolId=pool_id))

    def rename():
        # The natural boto3 update: the described structure sent back with one member changed.
        get(described, "IdentityPoolId")
        return client.update_identity_pool(**{**described, "IdentityPoolName": "boto3 pool renamed"})

    step("UpdateIdentityPool", rename)
    step("DescribeIdentityPool.afterUpdate", lambda: client.describe_identity_pool(IdentityPoolId=pool_id))

    closed = step(
        "CreateIdentityPool.closed",
        lambda: client.create_identity_pool(IdentityPoolName="closed pool", AllowUnauthenticatedIdentities=False),
    )
    doomed = step(
        "CreateIdentityPool.doomed",
        lambda: client.create_identity_pool(IdentityPoolName="doomed pool", AllowUnauthenticatedIdentities=False),
    )
    values["closedPoolId"] = closed and closed["IdentityPoolId"]
    values["doomedPoolId"] = doomed and doomed["IdentityPoolId"]

    def paginate_pools():
        paginator = client.get_paginator("list_identity_pools")
        pages = paginator.paginate(PaginationConfig={"PageSize": 1})
        return {"pages": [{"IdentityPools": page["IdentityPools"], "NextToken": page.get("NextToken")} for page in pages]}

    step("ListIdentityPools.paginator", paginate_pools)
    step("DeleteIdentityPool.doomed", lambda: client.delete_identity_pool(IdentityPoolId=get(doomed, "IdentityPoolId")))
    step("DescribeIdentityPool.deleted", lambda: client.describe_identity_pool(IdentityPoolId=get(doomed, "IdentityPoolId")))
    step(
        "ListIdentityPools.afterDelete",
        lambda: client.get_paginator("list_identity_pools").paginate(PaginationConfig={"PageSize": 60}).build_full_result(),
    )

    # -- tags ------------------------------------------------------------------------------------
    arn = f"arn:aws:cognito-identity:{REGION}:{ACCOUNT}:identitypool/{pool_id}"
    values["poolArn"] = arn
    step("TagResource", lambda: client.tag_resource(ResourceArn=arn, Tags={"env": "test", "owner": "boto3"}))
    step("ListTagsForResource", lambda: client.list_tags_for_resource(ResourceArn=arn))
    step("UntagResource", lambda: client.untag_resource(ResourceArn=arn, TagKeys=["env"]))
    step("ListTagsForResource.afterUntag", lambda: client.list_tags_for_resource(ResourceArn=arn))

    # -- roles -----------------------------------------------------------------------------------
    role_mappings = {
        FACEBOOK: {
            "Type": "Rules",
            "AmbiguousRoleResolution": "Deny",
            "RulesConfiguration": {
                "Rules": [{"Claim": "tier", "MatchType": "Equals", "Value": "gold", "RoleARN": ROLE_GOLD}]
            },
        }
    }
    step(
        "SetIdentityPoolRoles",
        lambda: client.set_identity_pool_roles(
            IdentityPoolId=pool_id,
            Roles={"authenticated": ROLE_AUTH, "unauthenticated": ROLE_UNAUTH},
            RoleMappings=role_mappings,
        ),
    )
    step("GetIdentityPoolRoles", lambda: client.get_identity_pool_roles(IdentityPoolId=pool_id))

    # -- principal tags --------------------------------------------------------------------------
    step(
        "SetPrincipalTagAttributeMap",
        lambda: client.set_principal_tag_attribute_map(
            IdentityPoolId=pool_id, IdentityProviderName=FACEBOOK, UseDefaults=False, PrincipalTags={"app": "aud", "user": "sub"}
        ),
    )
    step(
        "GetPrincipalTagAttributeMap",
        lambda: client.get_principal_tag_attribute_map(IdentityPoolId=pool_id, IdentityProviderName=FACEBOOK),
    )

    # -- identities ------------------------------------------------------------------------------
    jwks = step("GET /.well-known/jwks.json", fetch_jwks)
    jwks_body = jwks["body"] if jwks else {"keys": []}

    unauth = step("GetId", lambda: client.get_id(IdentityPoolId=pool_id))
    unauth_id = unauth and unauth["IdentityId"]
    values["unauthId"] = unauth_id
    open_id = step("GetOpenIdToken", lambda: client.get_open_id_token(IdentityId=get(unauth, "IdentityId")))
    if open_id:
        inspect_token("GetOpenIdToken", open_id["Token"], jwks_body, pool_id)
    step("GetCredentialsForIdentity", lambda: client.get_credentials_for_identity(IdentityId=get(unauth, "IdentityId")))

    gold_token = facebook_token("fb-gold-user", "gold")
    silver_token = facebook_token("fb-silver-user", "silver")
    gold = step("GetId.facebookGold", lambda: client.get_id(IdentityPoolId=pool_id, Logins={FACEBOOK: gold_token}))
    step("GetId.facebookGold.again", lambda: client.get_id(IdentityPoolId=pool_id, Logins={FACEBOOK: gold_token}))
    silver = step("GetId.facebookSilver", lambda: client.get_id(IdentityPoolId=pool_id, Logins={FACEBOOK: silver_token}))
    values["goldId"] = gold and gold["IdentityId"]
    values["silverId"] = silver and silver["IdentityId"]
    # The Rules mapping picks ROLE_GOLD for tier=gold; tier=silver matches no rule and the
    # mapping's AmbiguousRoleResolution is Deny.
    step(
        "GetCredentialsForIdentity.ruleMatched",
        lambda: client.get_credentials_for_identity(IdentityId=get(gold, "IdentityId"), Logins={FACEBOOK: gold_token}),
    )
    step(
        "GetCredentialsForIdentity.ruleDenied",
        lambda: client.get_credentials_for_identity(IdentityId=get(silver, "IdentityId"), Logins={FACEBOOK: silver_token}),
    )

    more = [step(f"GetId.more{i}", lambda: client.get_id(IdentityPoolId=pool_id)) for i in range(3)]
    values["moreIds"] = [entry and entry["IdentityId"] for entry in more]
    step("DescribeIdentity", lambda: client.describe_identity(IdentityId=get(gold, "IdentityId")))

    def list_all_identities():
        pages, token = [], None
        while True:
            kwargs = {"IdentityPoolId": pool_id, "MaxResults": 2}
            if token:
                kwargs["NextToken"] = token
            page = client.list_identities(**kwargs)
            pages.append({key: value for key, value in page.items() if key != "ResponseMetadata"})
            token = page.get("NextToken")
            if not token or len(pages) > 20:
                return {"pages": pages}

    step("ListIdentities.pages", list_all_identities)
    step(
        "DeleteIdentities",
        lambda: client.delete_identities(IdentityIdsToDelete=[get(more[0], "IdentityId"), get(more[1], "IdentityId")]),
    )
    step("DescribeIdentity.deleted", lambda: client.describe_identity(IdentityId=get(more[0], "IdentityId")))

    # -- UnlinkIdentity (public) ------------------------------------------------------------------
    step(
        "UnlinkIdentity",
        lambda: client.unlink_identity(
            IdentityId=get(silver, "IdentityId"), Logins={FACEBOOK: silver_token}, LoginsToRemove=[FACEBOOK]
        ),
    )
    step("DescribeIdentity.unlinked", lambda: client.describe_identity(IdentityId=get(silver, "IdentityId")))
    step("GetId.facebookSilver.afterUnlink", lambda: client.get_id(IdentityPoolId=pool_id, Logins={FACEBOOK: silver_token}))

    # -- developer identities --------------------------------------------------------------------
    def developer_token(user, **extra):
        return lambda: client.get_open_id_token_for_developer_identity(
            IdentityPoolId=pool_id, Logins={DEVELOPER_PROVIDER: user}, **extra
        )

    dev1 = step("GetOpenIdTokenForDeveloperIdentity", developer_token("dev-user-1", TokenDuration=900))
    if dev1:
        inspect_token("GetOpenIdTokenForDeveloperIdentity", dev1["Token"], jwks_body, pool_id)
    values["dev1Id"] = dev1 and dev1["IdentityId"]
    step(
        "LookupDeveloperIdentity.byUser",
        lambda: client.lookup_developer_identity(IdentityPoolId=pool_id, DeveloperUserIdentifier="dev-user-1"),
    )
    dev2 = step("GetOpenIdTokenForDeveloperIdentity.user2", developer_token("dev-user-2"))
    values["dev2Id"] = dev2 and dev2["IdentityId"]
    step(
        "MergeDeveloperIdentities",
        lambda: client.merge_developer_identities(
            IdentityPoolId=pool_id,
            DeveloperProviderName=DEVELOPER_PROVIDER,
            SourceUserIdentifier="dev-user-2",
            DestinationUserIdentifier="dev-user-1",
        ),
    )
    step(
        "LookupDeveloperIdentity.byIdentity",
        lambda: client.lookup_developer_identity(IdentityPoolId=pool_id, IdentityId=get(dev1, "IdentityId"), MaxResults=10),
    )
    step("GetOpenIdTokenForDeveloperIdentity.user2.afterMerge", developer_token("dev-user-2"))
    step(
        "UnlinkDeveloperIdentity",
        lambda: client.unlink_developer_identity(
            IdentityId=get(dev1, "IdentityId"),
            IdentityPoolId=pool_id,
            DeveloperProviderName=DEVELOPER_PROVIDER,
            DeveloperUserIdentifier="dev-user-2",
        ),
    )
    step(
        "LookupDeveloperIdentity.unlinked",
        lambda: client.lookup_developer_identity(IdentityPoolId=pool_id, DeveloperUserIdentifier="dev-user-2"),
    )
    dev3 = step("GetOpenIdTokenForDeveloperIdentity.user3", developer_token("dev-user-3"))
    step(
        "GetOpenIdTokenForDeveloperIdentity.alreadyRegistered",
        lambda: client.get_open_id_token_for_developer_identity(
            IdentityPoolId=pool_id, IdentityId=get(dev3, "IdentityId"), Logins={DEVELOPER_PROVIDER: "dev-user-1"}
        ),
    )

    # -- errors as botocore parses them -------------------------------------------------------
    step("GetId.unauthenticatedRefused", lambda: client.get_id(IdentityPoolId=get(closed, "IdentityPoolId")))
    lax = make_client(config=Config(retries=NO_RETRIES, parameter_validation=False))
    step("ListIdentityPools.maxResults61", lambda: lax.list_identity_pools(MaxResults=61))
    unknown_key = make_client(aws_access_key_id=UNKNOWN_KEY[0], aws_secret_access_key=UNKNOWN_KEY[1])
    step("DescribeIdentityPool.unknownAccessKey", lambda: unknown_key.describe_identity_pool(IdentityPoolId=pool_id))
    wrong_secret = make_client(
        aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGSECRET"
    )
    step("DescribeIdentityPool.wrongSecret", lambda: wrong_secret.describe_identity_pool(IdentityPoolId=pool_id))
    unsigned = make_client(config=Config(retries=NO_RETRIES, signature_version=UNSIGNED))
    step("DescribeIdentityPool.unsigned", lambda: unsigned.describe_identity_pool(IdentityPoolId=pool_id))

    # -- teardown --------------------------------------------------------------------------------
    step("DeleteIdentityPool", lambda: client.delete_identity_pool(IdentityPoolId=pool_id))
    step("DeleteIdentityPool.closed", lambda: client.delete_identity_pool(IdentityPoolId=get(closed, "IdentityPoolId")))
    step("DescribeIdentity.poolDeleted", lambda: client.describe_identity(IdentityId=get(gold, "IdentityId")))


def main():
    try:
        flow()
    except Exception as error:  # noqa: BLE001 - a bug in this script: still print what we have
        report["flowException"] = f"{type(error).__name__}: {error}"
    json.dump(report, sys.stdout, default=lambda value: value.isoformat() if hasattr(value, "isoformat") else str(value))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
