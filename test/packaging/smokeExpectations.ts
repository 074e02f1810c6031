/** What the smoke program (app/smoke.ts) must report on every runtime. */
import { expect } from "vitest"
import type { SmokeReport } from "./app/smoke.js"

export type SmokeResult = SmokeReport

export const expectSmokeReport = (report: SmokeReport, expected: { readonly listed: number }) => {
  expect(report.listed).toBe(expected.listed)
  expect(report.distinctListed).toBe(expected.listed)
  expect(report.guestIdentityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/)
  expect(report.poolName).toMatch(/^seed-pool-/)
  expect(report.allowsGuests).toBe(true)
  expect(report.missingPoolError.tag).toBe("ResourceNotFoundException")
  expect(report.missingPoolError.status).toBe(400)
  expect(report.missingPoolError.requestId).toMatch(/\S/)
  expect(report.validationError).toEqual({ tag: "ValidationError", paths: ["IdentityPoolId"] })
}
