import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { type Partition, partitionOf, partitions } from "../../src/protocol/partitions.js"
import { type EndpointParams, makeResolveEndpoint, resolveEndpoint } from "../../src/protocol/resolveEndpoint.js"
import { listedRegions } from "../support/listedRegions.js"

// ---------------------------------------------------------------------------------------------
// The published rule set, decoded strictly: an unknown key or rule type makes every cross-check
// fail, so that a changed rule set is re-reviewed rather than half-interpreted.
// ---------------------------------------------------------------------------------------------

interface Ref {
  readonly ref: string
}
interface FnCall {
  readonly fn: string
  readonly argv: ReadonlyArray<Expr>
  readonly assign?: string | undefined
}
type Expr = string | boolean | number | Ref | FnCall

interface Conditions {
  readonly conditions: ReadonlyArray<FnCall>
  readonly documentation?: string | undefined
}
interface EndpointRule extends Conditions {
  readonly type: "endpoint"
  readonly endpoint: {
    readonly url: Expr
    readonly properties?: { readonly [key: string]: unknown } | undefined
    readonly headers?: { readonly [key: string]: unknown } | undefined
  }
}
interface ErrorRule extends Conditions {
  readonly type: "error"
  readonly error: Expr
}
interface TreeRule extends Conditions {
  readonly type: "tree"
  readonly rules: ReadonlyArray<Rule>
}
type Rule = EndpointRule | ErrorRule | TreeRule

const RefSchema = Schema.Struct({ ref: Schema.String })
const FnCallSchema: Schema.Schema<FnCall> = Schema.Struct({
  fn: Schema.String,
  argv: Schema.Array(Schema.suspend((): Schema.Schema<Expr> => ExprSchema)),
  assign: Schema.optional(Schema.String)
})
const ExprSchema: Schema.Schema<Expr> = Schema.Union(
  Schema.String,
  Schema.Boolean,
  Schema.Number,
  RefSchema,
  FnCallSchema
)
const conditionFields = {
  conditions: Schema.Array(FnCallSchema),
  documentation: Schema.optional(Schema.String)
}
const AnyRecord = Schema.Record({ key: Schema.String, value: Schema.Unknown })
const RuleSchema: Schema.Schema<Rule> = Schema.Union(
  Schema.Struct({
    ...conditionFields,
    type: Schema.Literal("endpoint"),
    endpoint: Schema.Struct({
      url: ExprSchema,
      properties: Schema.optional(AnyRecord),
      headers: Schema.optional(AnyRecord)
    })
  }),
  Schema.Struct({ ...conditionFields, type: Schema.Literal("error"), error: ExprSchema }),
  Schema.Struct({
    ...conditionFields,
    type: Schema.Literal("tree"),
    rules: Schema.Array(Schema.suspend((): Schema.Schema<Rule> => RuleSchema))
  })
)
const ParameterSchema = Schema.Struct({
  type: Schema.Literal("string", "boolean"),
  builtIn: Schema.optional(Schema.String),
  required: Schema.optional(Schema.Boolean),
  default: Schema.optional(Schema.Union(Schema.String, Schema.Boolean)),
  documentation: Schema.optional(Schema.String)
})
const RuleSetSchema = Schema.Struct({
  version: Schema.String,
  parameters: Schema.Record({ key: Schema.String, value: ParameterSchema }),
  rules: Schema.Array(RuleSchema)
})
type RuleSet = typeof RuleSetSchema.Type

// AWS's published rule set, vendored with the service model under test/fixtures.
const ruleSetUrl = new URL("../fixtures/cognito-identity-2014-06-30/endpoint-rule-set-1.json", import.meta.url)

let cachedRuleSet: RuleSet | undefined
// Throws (never skips) when the file is absent: the reference is part of every checkout.
const loadRuleSet = (): RuleSet => {
  if (cachedRuleSet !== undefined) return cachedRuleSet
  let text: string
  try {
    text = readFileSync(ruleSetUrl, "utf8")
  } catch (cause) {
    throw new Error(
      `The endpoint rule set is missing or unreadable at ${fileURLToPath(ruleSetUrl)}; ` +
        "the endpoint cross-check cannot run without it",
      { cause }
    )
  }
  const json: unknown = JSON.parse(text)
  cachedRuleSet = Schema.decodeUnknownSync(RuleSetSchema, { onExcessProperty: "error" })(json)
  return cachedRuleSet
}

// ---------------------------------------------------------------------------------------------
// A small generic interpreter of the rules language (Smithy rules engine semantics), written
// independently of the hand-coded resolver. It throws on anything it does not understand.
// ---------------------------------------------------------------------------------------------

type Scope = Map<string, unknown>

// The `aws.partition` output fields defined by the Smithy rules engine (no regex, no region list).
const partitionResult = (partition: Partition): Readonly<Record<string, unknown>> => ({
  name: partition.name,
  dnsSuffix: partition.dnsSuffix,
  dualStackDnsSuffix: partition.dualStackDnsSuffix,
  supportsFIPS: partition.supportsFIPS,
  supportsDualStack: partition.supportsDualStack,
  implicitGlobalRegion: partition.implicitGlobalRegion
})

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

// Smithy `getAttr` path: dot-separated names, each optionally followed by `[index]`.
const getAttr = (value: unknown, path: string): unknown => {
  let current = value
  for (const part of path.split(".")) {
    const match = /^(\w*)(?:\[(\d+)\])?$/.exec(part)
    if (match === null) throw new Error(`getAttr: bad path ${path}`)
    const [, name, index] = match
    if (name !== undefined && name !== "") {
      if (!isRecord(current)) throw new Error(`getAttr: ${name} of a non-object`)
      if (!(name in current)) throw new Error(`getAttr: no attribute ${name}`)
      current = current[name]
    }
    if (index !== undefined) {
      if (!Array.isArray(current)) throw new Error(`getAttr: index of a non-array`)
      const element: unknown = current[Number(index)]
      current = element
    }
  }
  return current
}

const lookup = (scope: Scope, name: string): unknown => {
  if (!scope.has(name)) throw new Error(`reference to undeclared name ${name}`)
  return scope.get(name)
}

// Template strings: `{Name}`, `{Name#attr.path}`, and `{{` / `}}` as literal braces.
const renderTemplate = (template: string, scope: Scope): string => {
  let out = ""
  let i = 0
  while (i < template.length) {
    const char = template.charAt(i)
    if (char === "{" && template.charAt(i + 1) === "{") {
      out += "{"
      i += 2
    } else if (char === "}" && template.charAt(i + 1) === "}") {
      out += "}"
      i += 2
    } else if (char === "{") {
      const close = template.indexOf("}", i)
      if (close < 0) throw new Error(`unterminated template in ${template}`)
      const inner = template.slice(i + 1, close)
      const hash = inner.indexOf("#")
      const value = hash < 0
        ? lookup(scope, inner)
        : getAttr(lookup(scope, inner.slice(0, hash)), inner.slice(hash + 1))
      if (typeof value !== "string") throw new Error(`template {${inner}} is not a string`)
      out += value
      i = close + 1
    } else if (char === "}") {
      throw new Error(`lone } in template ${template}`)
    } else {
      out += char
      i += 1
    }
  }
  return out
}

const expectString = (fn: string, value: unknown): string => {
  if (typeof value !== "string") throw new Error(`${fn}: expected a string, got ${String(value)}`)
  return value
}
const expectBoolean = (fn: string, value: unknown): boolean => {
  if (typeof value !== "boolean") throw new Error(`${fn}: expected a boolean, got ${String(value)}`)
  return value
}

// RFC 1123 label, as botocore's VALID_HOST_LABEL_RE: only used if the rule set ever calls it.
const isValidHostLabel = (value: string, allowSubDomains: boolean): boolean =>
  (allowSubDomains ? value.split(".") : [value]).every((label) => /^(?!-)[a-zA-Z\d-]{1,63}(?<!-)$/.test(label))

interface Interpreter {
  readonly partition: (region: string) => Partition
}

const evalExpr = (expr: Expr, scope: Scope, env: Interpreter): unknown => {
  if (typeof expr === "string") return renderTemplate(expr, scope)
  if (typeof expr === "boolean" || typeof expr === "number") return expr
  if ("ref" in expr) return lookup(scope, expr.ref)
  return callFn(expr, scope, env)
}

const callFn = (call: FnCall, scope: Scope, env: Interpreter): unknown => {
  const args = call.argv.map((arg) => evalExpr(arg, scope, env))
  const arity = (n: number) => {
    if (args.length !== n) throw new Error(`${call.fn}: expected ${n} arguments, got ${args.length}`)
  }
  switch (call.fn) {
    case "isSet":
      arity(1)
      return args[0] !== undefined && args[0] !== null
    case "not":
      arity(1)
      return !expectBoolean(call.fn, args[0])
    case "booleanEquals":
      arity(2)
      return expectBoolean(call.fn, args[0]) === expectBoolean(call.fn, args[1])
    case "stringEquals":
      arity(2)
      return expectString(call.fn, args[0]) === expectString(call.fn, args[1])
    case "aws.partition":
      arity(1)
      return partitionResult(env.partition(expectString(call.fn, args[0])))
    case "getAttr":
      arity(2)
      return getAttr(args[0], expectString(call.fn, args[1]))
    case "isValidHostLabel":
      arity(2)
      return isValidHostLabel(expectString(call.fn, args[0]), expectBoolean(call.fn, args[1]))
    default:
      throw new Error(`the test interpreter does not implement function ${call.fn}`)
  }
}

// A condition holds unless its function yields false or nothing; `assign` binds the result.
const evalCondition = (condition: FnCall, scope: Scope, env: Interpreter): boolean => {
  const result = callFn(condition, scope, env)
  if (result === undefined || result === null || result === false) return false
  if (condition.assign !== undefined) {
    if (scope.has(condition.assign)) throw new Error(`assign shadows ${condition.assign}`)
    scope.set(condition.assign, result)
  }
  return true
}

type Outcome = Either.Either<string, string>

const evalRules = (rules: ReadonlyArray<Rule>, scope: Scope, env: Interpreter): Outcome | undefined => {
  for (const rule of rules) {
    const local: Scope = new Map(scope)
    if (!rule.conditions.every((condition) => evalCondition(condition, local, env))) continue
    switch (rule.type) {
      case "endpoint": {
        // resolveEndpoint returns only a URL: auth schemes or headers would be silently lost.
        const extras = [...Object.keys(rule.endpoint.properties ?? {}), ...Object.keys(rule.endpoint.headers ?? {})]
        if (extras.length > 0) throw new Error(`endpoint carries properties/headers ${extras.join(", ")}`)
        return Either.right(expectString("endpoint url", evalExpr(rule.endpoint.url, local, env)))
      }
      case "error":
        return Either.left(expectString("error", evalExpr(rule.error, local, env)))
      case "tree": {
        const outcome = evalRules(rule.rules, local, env)
        // Tree rules are terminal in the Smithy rules engine: falling out of one is a rule-set bug.
        if (outcome === undefined) throw new Error("a tree rule matched but none of its rules did")
        return outcome
      }
    }
  }
  return undefined
}

const parameterValues = (params: EndpointParams): Readonly<Record<string, string | boolean | undefined>> => ({
  Region: params.region,
  UseFIPS: params.useFipsEndpoint,
  UseDualStack: params.useDualstackEndpoint,
  Endpoint: params.endpoint
})

const interpret = (params: EndpointParams, env: Interpreter = { partition: partitionOf }): Outcome => {
  const ruleSet = loadRuleSet()
  const values = parameterValues(params)
  const scope: Scope = new Map()
  for (const [name, declared] of Object.entries(ruleSet.parameters)) {
    if (!(name in values)) throw new Error(`rule set parameter ${name} has no EndpointParams field`)
    const value = values[name] ?? declared.default
    if (value === undefined && declared.required === true) throw new Error(`required parameter ${name} unset`)
    if (value !== undefined && typeof value !== declared.type) throw new Error(`parameter ${name} is not a ${declared.type}`)
    scope.set(name, value)
  }
  const outcome = evalRules(ruleSet.rules, scope, env)
  if (outcome === undefined) throw new Error("no rule matched")
  return outcome
}

// Plain objects, so that failures print readably and equality is structural.
const plain = (outcome: Outcome) =>
  Either.match(outcome, { onLeft: (error) => ({ error }), onRight: (url) => ({ url }) })

// ---------------------------------------------------------------------------------------------
// Endpoints resolved by botocore 1.43.11's rule engine from the vendored endpoint rule set (the
// Smithy model's endpointTests agree), one test per row.
// ---------------------------------------------------------------------------------------------

interface Row {
  readonly label: string
  readonly params: EndpointParams
  readonly expected: { readonly url: string } | { readonly error: string }
}

const regionRow = (region: string, fips: boolean, dualStack: boolean, url: string): Row => ({
  label: `${region} FIPS=${fips} DualStack=${dualStack}`,
  params: { region, useFipsEndpoint: fips, useDualstackEndpoint: dualStack },
  expected: { url }
})

const resolvedExamples: ReadonlyArray<Row> = [
  regionRow("us-east-1", false, false, "https://cognito-identity.us-east-1.amazonaws.com"),
  regionRow("us-east-1", true, false, "https://cognito-identity-fips.us-east-1.amazonaws.com"),
  regionRow("us-east-1", false, true, "https://cognito-identity.us-east-1.amazonaws.com"),
  regionRow("us-east-1", true, true, "https://cognito-identity-fips.us-east-1.amazonaws.com"),
  regionRow("eu-west-1", false, false, "https://cognito-identity.eu-west-1.amazonaws.com"),
  regionRow("eu-west-1", true, false, "https://cognito-identity-fips.eu-west-1.amazonaws.com"),
  regionRow("eu-west-1", false, true, "https://cognito-identity.eu-west-1.amazonaws.com"),
  regionRow("eu-west-1", true, true, "https://cognito-identity-fips.eu-west-1.api.aws"),
  regionRow("cn-north-1", false, false, "https://cognito-identity.cn-north-1.amazonaws.com.cn"),
  regionRow("cn-north-1", true, false, "https://cognito-identity-fips.cn-north-1.amazonaws.com.cn"),
  regionRow("cn-north-1", false, true, "https://cognito-identity.cn-north-1.api.amazonwebservices.com.cn"),
  regionRow("cn-north-1", true, true, "https://cognito-identity-fips.cn-north-1.api.amazonwebservices.com.cn"),
  regionRow("us-gov-west-1", false, false, "https://cognito-identity.us-gov-west-1.amazonaws.com"),
  regionRow("us-gov-west-1", true, false, "https://cognito-identity-fips.us-gov-west-1.amazonaws.com"),
  regionRow("us-gov-west-1", false, true, "https://cognito-identity.us-gov-west-1.api.aws"),
  regionRow("us-gov-west-1", true, true, "https://cognito-identity-fips.us-gov-west-1.api.aws"),
  regionRow("us-iso-east-1", false, false, "https://cognito-identity.us-iso-east-1.c2s.ic.gov"),
  regionRow("us-isob-east-1", false, false, "https://cognito-identity.us-isob-east-1.sc2s.sgov.gov"),
  regionRow("eusc-de-east-1", false, false, "https://cognito-identity.eusc-de-east-1.amazonaws.eu"),
  {
    label: "(any region) + Endpoint, FIPS=false DualStack=false",
    params: { region: "us-east-1", useFipsEndpoint: false, useDualstackEndpoint: false, endpoint: "https://example.com" },
    expected: { url: "https://example.com" }
  },
  {
    label: "(no region) + Endpoint, FIPS=false DualStack=false",
    params: { useFipsEndpoint: false, useDualstackEndpoint: false, endpoint: "https://example.com" },
    expected: { url: "https://example.com" }
  },
  {
    label: "us-east-1 + Endpoint, FIPS=true DualStack=false",
    params: { region: "us-east-1", useFipsEndpoint: true, useDualstackEndpoint: false, endpoint: "https://example.com" },
    expected: { error: "Invalid Configuration: FIPS and custom endpoint are not supported" }
  },
  {
    label: "us-east-1 + Endpoint, FIPS=false DualStack=true",
    params: { region: "us-east-1", useFipsEndpoint: false, useDualstackEndpoint: true, endpoint: "https://example.com" },
    expected: { error: "Invalid Configuration: Dualstack and custom endpoint are not supported" }
  },
  {
    label: "(no region), FIPS=false DualStack=false",
    params: { useFipsEndpoint: false, useDualstackEndpoint: false },
    expected: { error: "Invalid Configuration: Missing Region" }
  }
]

describe("resolveEndpoint: examples resolved by botocore", () => {
  it.each(resolvedExamples)("$label", ({ params, expected }) => {
    expect(plain(resolveEndpoint(params))).toEqual(expected)
  })

  it("treats omitted flags as false", () => {
    expect(plain(resolveEndpoint({ region: "eu-west-1" }))).toEqual({
      url: "https://cognito-identity.eu-west-1.amazonaws.com"
    })
    expect(plain(resolveEndpoint({ endpoint: "http://localhost:4566/" }))).toEqual({ url: "http://localhost:4566/" })
    expect(plain(resolveEndpoint({}))).toEqual({ error: "Invalid Configuration: Missing Region" })
  })

  it("resolves an unknown region in the aws partition", () => {
    expect(plain(resolveEndpoint({ region: "xx-fake-1" }))).toEqual({
      url: "https://cognito-identity.xx-fake-1.amazonaws.com"
    })
  })
})

// ---------------------------------------------------------------------------------------------
// The partition table.
// ---------------------------------------------------------------------------------------------

describe("partitionOf", () => {
  it.each([
    ["us-east-1", "aws", "amazonaws.com"],
    ["ap-future-9", "aws", "amazonaws.com"],
    ["aws-global", "aws", "amazonaws.com"],
    ["xx-fake-1", "aws", "amazonaws.com"],
    ["cn-north-1", "aws-cn", "amazonaws.com.cn"],
    ["aws-cn-global", "aws-cn", "amazonaws.com.cn"],
    ["us-gov-west-1", "aws-us-gov", "amazonaws.com"],
    ["aws-us-gov-global", "aws-us-gov", "amazonaws.com"],
    ["us-iso-east-1", "aws-iso", "c2s.ic.gov"],
    ["us-isob-east-1", "aws-iso-b", "sc2s.sgov.gov"],
    ["eu-isoe-west-1", "aws-iso-e", "cloud.adc-e.uk"],
    ["us-isof-south-1", "aws-iso-f", "csp.hci.ic.gov"],
    ["eusc-de-east-1", "aws-eusc", "amazonaws.eu"],
    ["eusc-fr-east-1", "aws", "amazonaws.com"]
  ])("%s is in %s (%s)", (region, name, dnsSuffix) => {
    const partition = partitionOf(region)
    expect(partition.name).toBe(name)
    expect(partition.dnsSuffix).toBe(dnsSuffix)
  })

  it("keeps the aws partition first, as the fallback", () => {
    expect(partitions[0]?.name).toBe("aws")
  })

  it("puts every region partitions.json lists in the partition that lists it", () => {
    const misplaced = Object.entries(listedRegions).flatMap(([name, regions]) =>
      regions.filter((region) => partitionOf(region).name !== name).map((region) => `${region}: ${partitionOf(region).name}, not ${name}`)
    )
    expect(misplaced).toEqual([])
  })

  // Makes "listed names first, then regexes" (Smithy) and botocore's "listed or regex, partition
  // by partition" give the same answer for every input, and lets the table leave out the listed
  // regions that their own partition's regex matches.
  it("has no listed region that another partition's regex claims", () => {
    const clashes = Object.entries(listedRegions).flatMap(([owner, regions]) =>
      regions.flatMap((region) =>
        partitions
          .filter((other) => other.name !== owner && other.regionRegex.test(region))
          .map((other) => `${region}: ${owner} vs ${other.name}`)
      )
    )
    expect(clashes).toEqual([])
  })

  it("lists by name exactly the listed regions that no regex matches", () => {
    expect(Object.fromEntries(partitions.map((partition) => [partition.name, partition.regionsOutsideRegex]))).toEqual(
      Object.fromEntries(
        Object.entries(listedRegions).map(([name, regions]) => [
          name,
          regions.filter((region) => !partitions.some((partition) => partition.regionRegex.test(region)))
        ])
      )
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Cross-check against the interpreter over the published rule set.
// ---------------------------------------------------------------------------------------------

const regions: ReadonlyArray<string | undefined> = [
  // aws
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "eu-west-1",
  "eu-central-2",
  "ap-southeast-7",
  "ca-west-1",
  "mx-central-1",
  "il-central-1",
  "aws-global",
  "ap-future-9", // regex only
  // aws-cn
  "cn-north-1",
  "cn-northwest-1",
  "aws-cn-global",
  "cn-south-9", // regex only
  // aws-us-gov
  "us-gov-west-1",
  "us-gov-east-1",
  "aws-us-gov-global",
  // iso partitions
  "us-iso-east-1",
  "us-iso-west-1",
  "us-isob-east-1",
  "eu-isoe-west-1",
  "us-isof-south-1",
  "us-isof-east-1",
  // aws-eusc
  "eusc-de-east-1",
  // unknown, and not host labels at all: the rule set has no isValidHostLabel check
  "xx-fake-1",
  "us east 1",
  "a_b",
  "",
  undefined
]
const flags: ReadonlyArray<boolean | undefined> = [false, true]
const endpoints: ReadonlyArray<string | undefined> = [undefined, "https://example.com"]

const crossProduct: ReadonlyArray<EndpointParams> = regions.flatMap((region) =>
  flags.flatMap((useFipsEndpoint) =>
    flags.flatMap((useDualstackEndpoint) =>
      endpoints.map((endpoint) => ({ region, useFipsEndpoint, useDualstackEndpoint, endpoint }))
    )
  )
)

const describeParams = (params: EndpointParams): string =>
  `region=${JSON.stringify(params.region)} fips=${params.useFipsEndpoint} dualStack=${params.useDualstackEndpoint} ` +
  `endpoint=${params.endpoint ?? "-"}`

describe("resolveEndpoint agrees with the published rule set", () => {
  it("loads the reference rule set", () => {
    const ruleSet = loadRuleSet()
    expect(ruleSet.version).toBe("1.0")
    expect(Object.keys(ruleSet.parameters).sort()).toEqual(["Endpoint", "Region", "UseDualStack", "UseFIPS"])
  })

  it.each(resolvedExamples)("interpreter reproduces botocore's resolution: $label", ({ params, expected }) => {
    expect(plain(interpret(params))).toEqual(expected)
  })

  it.each(crossProduct.map((params) => [describeParams(params), params] as const))("%s", (_, params) => {
    expect(plain(resolveEndpoint(params))).toEqual(plain(interpret(params)))
  })
})

// No real partition lacks FIPS or dual-stack today, so the "does not support" branches are reached
// through partitions with those features switched off, on both sides of the comparison.
describe("resolveEndpoint agrees with the rule set for partitions lacking FIPS or dual-stack", () => {
  const support = [
    { supportsFIPS: false, supportsDualStack: false },
    { supportsFIPS: true, supportsDualStack: false },
    { supportsFIPS: false, supportsDualStack: true },
    { supportsFIPS: true, supportsDualStack: true }
  ] as const
  const cases = support.flatMap((features) => {
    const partition = (region: string): Partition => ({ ...partitionOf(region), ...features })
    return ["us-east-1", "eu-west-1", "cn-north-1", "us-iso-east-1"].flatMap((region) =>
      flags.flatMap((useFipsEndpoint) =>
        flags.flatMap((useDualstackEndpoint) =>
          endpoints.map((endpoint) => {
            const params: EndpointParams = { region, useFipsEndpoint, useDualstackEndpoint, endpoint }
            return [
              `FIPS ${features.supportsFIPS ? "on" : "off"}, dual-stack ${features.supportsDualStack ? "on" : "off"}: ` +
              describeParams(params),
              partition,
              params
            ] as const
          })
        )
      )
    )
  })

  it.each(cases)("%s", (_, partition, params) => {
    expect(plain(makeResolveEndpoint(partition)(params))).toEqual(plain(interpret(params, { partition })))
  })

  it("reports each unsupported feature with the rule set's message", () => {
    const none = makeResolveEndpoint((region) => ({
      ...partitionOf(region),
      supportsFIPS: false,
      supportsDualStack: false
    }))
    expect(plain(none({ region: "us-east-1", useFipsEndpoint: true, useDualstackEndpoint: true }))).toEqual({
      error: "FIPS and DualStack are enabled, but this partition does not support one or both"
    })
    expect(plain(none({ region: "us-east-1", useFipsEndpoint: true }))).toEqual({
      error: "FIPS is enabled but this partition does not support FIPS"
    })
    expect(plain(none({ region: "us-east-1", useDualstackEndpoint: true }))).toEqual({
      error: "DualStack is enabled but this partition does not support DualStack"
    })
  })
})
