/**
 * A cheap Cognito Identity (awsJson1.1) server for the benchmarks, run in its own process by
 * `serverControl.mjs`. It answers four operations with canned, valid responses so that the
 * client dominates the CPU. It does not verify signatures (that would cost server CPU), but
 * it refuses a signed operation without an Authorization header and an unsigned one with
 * it, and it counts requests so the harness can tell a retry or a lost page from a clean run.
 */
import http from "node:http"
import {
  exportPoolSize,
  GETID_IDENTITY,
  identityJson,
  PAGE_SIZE,
  POOL_ID,
  POOL_NAME,
  REGION
} from "./fixtures.mjs"

const TARGET_PREFIX = "AWSCognitoIdentityService."
const SCOPE = `/${REGION}/cognito-identity/aws4_request`

const describeBody = JSON.stringify({
  IdentityPoolId: POOL_ID,
  IdentityPoolName: POOL_NAME,
  AllowUnauthenticatedIdentities: true,
  AllowClassicFlow: false,
  SupportedLoginProviders: { "graph.facebook.com": "1234567890123456", "accounts.google.com": "123-abc.apps.googleusercontent.com" },
  DeveloperProviderName: "login.bench.example",
  CognitoIdentityProviders: [{
    ProviderName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI",
    ClientId: "5f3kqp2ni0v1bq8q2ha1e2rtvn",
    ServerSideTokenCheck: false
  }],
  IdentityPoolTags: { team: "identity", env: "bench" }
})

const operations = {
  DescribeIdentityPool: { signed: true, reply: () => describeBody },
  GetId: { signed: false, reply: () => JSON.stringify({ IdentityId: GETID_IDENTITY }) },
  ListIdentityPools: {
    signed: true,
    reply: () => JSON.stringify({ IdentityPools: [{ IdentityPoolId: POOL_ID, IdentityPoolName: POOL_NAME }] })
  },
  ListIdentities: { signed: true, reply: listIdentitiesPage }
}

/** A page of an export pool: `NextToken` is the offset of the next item. */
function listIdentitiesPage(input) {
  const size = exportPoolSize(input.IdentityPoolId)
  if (size === undefined) return fault(400, "ResourceNotFoundException", `IdentityPool '${input.IdentityPoolId}' not found.`)
  const start = input.NextToken === undefined ? 0 : Number(input.NextToken)
  const limit = Math.min(PAGE_SIZE, Number(input.MaxResults ?? PAGE_SIZE))
  if (!Number.isInteger(start) || start < 0 || start > size || !(limit >= 1)) {
    return fault(400, "InvalidParameterException", "bad NextToken or MaxResults")
  }
  const end = Math.min(size, start + limit)
  let items = ""
  for (let i = start; i < end; i++) items += (i === start ? "" : ",") + identityJson(i)
  const next = end < size ? `,"NextToken":"${end}"` : ""
  return `{"IdentityPoolId":"${input.IdentityPoolId}","Identities":[${items}]${next}}`
}

class Fault {
  constructor(status, type, message) {
    this.status = status
    this.body = JSON.stringify({ __type: type, message })
  }
}
const fault = (status, type, message) => new Fault(status, type, message)

const counts = {}
const violations = []
let requestNumber = 0

const violation = (message) => {
  if (violations.length < 20) violations.push(message)
  return fault(400, "NotAuthorizedException", message)
}

/** The auth rules a client must follow; the answer is a Fault when it does not. */
const checkAuth = (name, spec, headers) => {
  const authorization = headers.authorization
  if (spec.signed) {
    if (authorization === undefined || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=") ||
        !authorization.includes(SCOPE) || headers["x-amz-date"] === undefined) {
      return violation(`${name} is signed but came without a SigV4 Authorization for ${SCOPE}`)
    }
  } else if (authorization !== undefined || headers["x-amz-security-token"] !== undefined) {
    return violation(`${name} is unsigned but came with Authorization or a session token`)
  }
  return undefined
}

const respond = (res, answer) => {
  const failed = answer instanceof Fault
  const body = failed ? answer.body : answer
  requestNumber++
  res.writeHead(failed ? answer.status : 200, {
    "content-type": "application/x-amz-json-1.1",
    "content-length": Buffer.byteLength(body),
    "x-amzn-requestid": `00000000-0000-4000-8000-${String(requestNumber).padStart(12, "0")}`,
    ...(failed ? { "x-amzn-errortype": JSON.parse(answer.body).__type } : {})
  })
  res.end(body)
}

const handle = (req, res) => {
  const target = req.headers["x-amz-target"]
  const name = typeof target === "string" && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : ""
  const spec = operations[name]
  counts[name] = (counts[name] ?? 0) + 1
  const chunks = []
  req.on("data", (chunk) => chunks.push(chunk))
  req.on("end", () => {
    if (req.method !== "POST" || spec === undefined) {
      return respond(res, fault(400, "UnknownOperationException", `unknown target ${String(target)}`))
    }
    if (!String(req.headers["content-type"]).startsWith("application/x-amz-json-1.1")) {
      return respond(res, violation(`${name}: content-type ${req.headers["content-type"]}`))
    }
    const denied = checkAuth(name, spec, req.headers)
    if (denied !== undefined) return respond(res, denied)
    let input
    try {
      input = JSON.parse(Buffer.concat(chunks).toString("utf8"))
    } catch {
      return respond(res, fault(400, "SerializationException", "body is not JSON"))
    }
    respond(res, spec.reply(input))
  })
}

const server = http.createServer({ keepAlive: true }, handle)
// Clients decide when to drop idle connections; the server must not close them between phases.
server.keepAliveTimeout = 120_000
server.headersTimeout = 121_000
server.requestTimeout = 0
server.maxRequestsPerSocket = 0

process.on("message", (message) => {
  if (message?.type === "stats") {
    process.send({ type: "stats", counts: { ...counts }, violations: [...violations] })
    if (message.reset) {
      for (const key of Object.keys(counts)) delete counts[key]
      violations.length = 0
    }
  }
})
process.on("disconnect", () => process.exit(0))

// Under the harness the port goes back over IPC; run by hand (`node bench/lib/server.mjs [port]`), it is printed.
server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => {
  const { port } = server.address()
  if (process.send === undefined) console.log(`http://127.0.0.1:${port}`)
  else process.send({ type: "listening", port })
})
