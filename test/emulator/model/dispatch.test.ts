import { describe, expect, it } from "vitest"
import { operationTable } from "../../../src/operations/table.js"
import { failure, newModel, ok, operations, signed } from "./support.js"

describe("handle", () => {
  it("routes all 23 operations by AWS name", () => {
    expect(Object.keys(operations).sort()).toEqual([...operationTable.keys()].sort())
    const model = newModel()
    for (const name of operationTable.keys()) {
      // Every handler answers (a fault for this empty input, not UnknownOperationException).
      const result = model.handle(name, {}, signed())
      expect(failure(result).code).not.toBe("UnknownOperationException")
    }
  })

  it("answers UnknownOperationException for unknown names", () => {
    expect(failure(newModel().handle("DescribeEverything", {}, signed()))).toEqual({ code: "UnknownOperationException", message: "" })
  })

  it("refuses inputs that are not the operation's decoded input", () => {
    const model = newModel()
    expect(failure(model.handle("ListIdentityPools", { MaxResults: 61 }, signed())).code).toBe("InvalidParameterException")
    expect(failure(model.handle("GetId", { IdentityPoolId: "US-EAST-1:ABC" }, signed())).code).toBe("InvalidParameterException")
    expect(ok(model.handle("ListIdentityPools", { MaxResults: 60 }, signed()))).toEqual({ IdentityPools: [] })
  })

  it("accepts login tokens as Redacted or as plain strings", () => {
    const model = newModel()
    const pool = ok(model.handle("CreateIdentityPool", {
      IdentityPoolName: "p",
      AllowUnauthenticatedIdentities: false,
      SupportedLoginProviders: { "graph.facebook.com": "app" }
    }, signed()))
    const id = typeof pool === "object" && pool !== null && "IdentityPoolId" in pool ? String(pool.IdentityPoolId) : ""
    const plain = ok(model.handle("GetId", { IdentityPoolId: id, Logins: { "graph.facebook.com": "fb-1" } }, signed()))
    expect(plain).toHaveProperty("IdentityId")
  })
})
