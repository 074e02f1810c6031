/**
 * Bulk clean-up through the library, on the in-process emulator: the plan holds exactly what
 * the criteria choose (judged from the model's own listings), a dry run deletes nothing, an
 * execution deletes every chosen identity exactly once and touches no other (judged from the
 * model's ledger of DeleteIdentities), batches are of 60, unprocessed identities are retried
 * or reported by their error code, and a purge interrupted anywhere resumes exactly.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Deferred, Effect, Fiber, Stream } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Emulator } from "../../src/emulator/index.js"
import { deleteIdentityBatches, selectIdentities } from "../../src/index.js"
import type { PurgeSelection } from "../../src/index.js"
import { executePurgePlan, purgeIdentities, writePurgePlan } from "../../src/node/index.js"
import type { PurgeOptions } from "../../src/node/index.js"
import { ndjsonKeys } from "../cli/runCli.js"
import type { ModelIdentity, Refuse } from "./support.js"
import { DAY, inProcessLayer, keys, ledgerModel, modelIdentities, seedMix } from "./support.js"

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "purge-test-"))

/** What `selection` chooses, computed from the model's listings. */
const oracle = (identities: ReadonlyArray<ModelIdentity>, selection: PurgeSelection, now = Date.now()) =>
  identities.filter((i) =>
    (selection.disabled !== true || i.disabled) &&
    (selection.guests !== true || i.logins === 0) &&
    (selection.notModifiedFor === undefined || i.modified < now - 90 * DAY)
  )

const selections: ReadonlyArray<readonly [string, PurgeSelection]> = [
  ["guests", { guests: true }],
  ["disabled", { disabled: true }],
  ["not modified for 90 days", { notModifiedFor: "90 days" }],
  ["guests not modified for 90 days", { guests: true, notModifiedFor: "90 days" }],
  ["disabled guests", { disabled: true, guests: true }]
]

/**
 * Every identity of `gone` really deleted once, no other deleted, nothing outside `planned` (by
 * default `gone`) ever sent, and the model holds the rest.
 */
const expectExact = (
  ledger: ReturnType<typeof ledgerModel>["ledger"],
  before: ReadonlyArray<ModelIdentity>,
  gone: ReadonlyArray<ModelIdentity>,
  after: ReadonlyArray<ModelIdentity>,
  planned: ReadonlyArray<ModelIdentity> = gone
) => {
  const goneIds = new Set(gone.map((i) => i.id))
  const plannedIds = new Set(planned.map((i) => i.id))
  expect(gone.length).toBeGreaterThan(0)
  expect([...ledger.deleted.keys()].sort()).toEqual([...goneIds].sort())
  expect([...ledger.deleted.values()].every((n) => n === 1)).toBe(true)
  expect([...ledger.sent.keys()].every((id) => plannedIds.has(id)), "an identity outside the plan was sent").toBe(true)
  expect(keys(after)).toEqual(keys(before.filter((i) => !goneIds.has(i.id))))
}

/** Seeds the mix in `built`'s model and purges its guests; what the judge needs. */
const purgeGuests = (built: ReturnType<typeof ledgerModel>, retry?: PurgeOptions["retry"]) => {
  seedMix(built.model, 200)
  const before = modelIdentities(built.model)
  const chosen = oracle(before, { guests: true })
  return purgeIdentities({ source: { pools: "all", selection: { guests: true } }, execute: true, retry }).pipe(
    Effect.flatMap((result) =>
      result._tag === "Executed"
        ? Effect.succeed({ ...built, before, chosen, summary: result.summary })
        : Effect.dieMessage(`not executed: ${result._tag}`)
    ),
    Effect.provide(inProcessLayer(built.model))
  )
}

describe("purge: selection and dry run", () => {
  for (const [name, selection] of selections) {
    it.live(`${name}: the plan holds exactly what the criteria choose; nothing is deleted`, () => {
      const { model, ledger } = ledgerModel()
      const pools = seedMix(model)
      const before = modelIdentities(model)
      const output = path.join(tmp(), "plan.ndjson")
      return Effect.gen(function*() {
        const summary = yield* writePurgePlan({ pools: "all", selection, output })
        const expected = keys(oracle(before, selection))
        expect(expected.length).toBeGreaterThan(0)
        expect(ndjsonKeys(output).sort()).toEqual(expected)
        expect(summary.selected).toBe(expected.length)
        expect(summary.listed).toBe(before.length)
        expect(fs.existsSync(`${output}.partial`)).toBe(false)
        expect(ledger.requests).toEqual([])
        expect(keys(modelIdentities(model))).toEqual(keys(before))
        const stats = (yield* Emulator).stats().operations
        expect(stats["DeleteIdentities"]).toBeUndefined()
        // Disabled needs a second listing of each pool: ListIdentities twice per page otherwise once.
        const listed = stats["ListIdentities"]?.requests ?? 0
        expect(listed).toBe(summary.pages)
        if (selection.disabled === true) expect(listed).toBeGreaterThan(pools.length * 5)
      }).pipe(Effect.provide(inProcessLayer(model)))
    })
  }

  it.live("a disabled identity's record says so; selectIdentities streams the same choice for given pools", () => {
    const { model } = ledgerModel()
    const pools = seedMix(model)
    const before = modelIdentities(model)
    return Effect.gen(function*() {
      const chosen = yield* selectIdentities({ pools: [pools[1] ?? "", pools[0] ?? ""], selection: { disabled: true } }).pipe(
        Stream.runCollect,
        Effect.map(Chunk.toReadonlyArray),
        Effect.scoped
      )
      const expected = oracle(before, { disabled: true }).filter((i) => i.pool === pools[0] || i.pool === pools[1])
      expect(chosen.map((r) => `${r.IdentityPoolId} ${r.IdentityId}`).sort()).toEqual(keys(expected))
      expect(chosen.every((r) => r.Disabled === true)).toBe(true)
      // Pools in the order given.
      expect(chosen[0]?.IdentityPoolId).toBe(pools[1])
    }).pipe(Effect.provide(inProcessLayer(model)))
  })

  it.live("purgeIdentities without execute: a plan to a file, a plan file checked; nothing sent but reads", () => {
    const { model, ledger } = ledgerModel()
    seedMix(model)
    const before = modelIdentities(model)
    const dir = tmp()
    const plan = path.join(dir, "plan.ndjson")
    return Effect.gen(function*() {
      const planned = yield* purgeIdentities({ source: { pools: "all", selection: { guests: true } }, output: plan })
      expect(planned._tag).toBe("Planned")
      const checked = yield* purgeIdentities({ source: { plan } })
      expect(checked).toEqual({ _tag: "Checked", plan, entries: oracle(before, { guests: true }).length })
      expect(ledger.requests).toEqual([])
      expect(keys(modelIdentities(model))).toEqual(keys(before))
    }).pipe(Effect.provide(inProcessLayer(model)))
  })
})

describe("purge: execution", () => {
  it.live("select and delete: every chosen identity deleted once, in batches of 60, no other touched", () => {
    const { ledger, model } = ledgerModel()
    seedMix(model)
    const before = modelIdentities(model)
    const selection: PurgeSelection = { guests: true, notModifiedFor: "90 days" }
    const chosen = oracle(before, selection)
    return Effect.gen(function*() {
      const result = yield* purgeIdentities({ source: { pools: "all", selection }, execute: true })
      expect(result._tag).toBe("Executed")
      if (result._tag !== "Executed") return
      expect(result.summary).toMatchObject({ planned: chosen.length, processed: chosen.length, deleted: chosen.length, failed: 0 })
      expect(result.selection?.selected).toBe(chosen.length)
      expectExact(ledger, before, chosen, modelIdentities(model))
      // Full batches of 60, the last with the rest; one request each.
      const full = Math.floor(chosen.length / 60)
      expect(ledger.requests).toEqual([...Array<number>(full).fill(60), ...(chosen.length % 60 === 0 ? [] : [chosen.length % 60])])
      expect((yield* Emulator).stats().operations["DeleteIdentities"]?.requests).toBe(ledger.requests.length)
      expect(result.summary.batches).toBe(ledger.requests.length)
    }).pipe(Effect.provide(inProcessLayer(model)))
  })

  it.live("deleteIdentityBatches: any Stream of ids, 130 ids in batches of 60, 60 and 10; an id given twice in a batch is sent once", () => {
    const { ledger, model } = ledgerModel()
    const [pool] = seedMix(model, 200)
    const ids = modelIdentities(model).filter((i) => i.pool === pool).slice(0, 130).map((i) => i.id)
    return Effect.gen(function*() {
      const batches = yield* deleteIdentityBatches(Stream.fromIterable([...ids.slice(0, 59), ids[0] ?? "", ...ids.slice(59)])).pipe(
        Stream.runCollect,
        Effect.map(Chunk.toReadonlyArray),
        Effect.scoped
      )
      expect(batches.map((b) => b.consumed)).toEqual([60, 60, 11])
      expect(ledger.requests).toEqual([59, 60, 11])
      expect(batches.flatMap((b) => b.deleted.map((t) => t.IdentityId)).sort()).toEqual([...ids].sort())
      expect([...ledger.deleted.values()].every((n) => n === 1)).toBe(true)
    }).pipe(Effect.provide(inProcessLayer(model)))
  })

  it.live("unprocessed: InternalServerError retried (only those ids), AccessDenied reported and never resent, the rest deleted", () => {
    const denied = new Set<string>()
    const flaky = new Set<string>()
    // The first request refuses 3 ids with InternalServerError and 2 with AccessDenied; the
    // retry of the 3 refuses one of them again; then it goes through.
    const refuse: Refuse = (ids, call) => {
      if (call === 1) {
        ids.slice(0, 3).forEach((id) => flaky.add(id))
        ids.slice(3, 5).forEach((id) => denied.add(id))
      }
      const answer = new Map<string, "AccessDenied" | "InternalServerError">()
      for (const id of ids) {
        if (denied.has(id)) answer.set(id, "AccessDenied")
        if (flaky.has(id) && call <= 2 && (call === 1 || id === ids[0])) answer.set(id, "InternalServerError")
      }
      return answer
    }
    return Effect.gen(function*() {
      const { before, chosen, ledger, model, summary } = yield* purgeGuests(ledgerModel(refuse))
      expect(ledger.requests.slice(0, 3)).toEqual([60, 3, 1])
      expect(summary.failures.map((f) => [f.IdentityId, f.ErrorCode]).sort()).toEqual([...denied].map((id) => [id, "AccessDenied"]).sort())
      expect(summary.failures.every((f) => f.IdentityPoolId !== undefined)).toBe(true)
      expect([...denied].every((id) => ledger.sent.get(id) === 1)).toBe(true)
      expect([...flaky].every((id) => ledger.deleted.get(id) === 1)).toBe(true)
      expect(summary).toMatchObject({ planned: chosen.length, deleted: chosen.length - 2, failed: 2 })
      expect(summary.retries).toBe(2)
      expectExact(ledger, before, chosen.filter((i) => !denied.has(i.id)), modelIdentities(model), chosen)
    })
  })

  it.live("a batch the service deleted but whose answer was lost is sent again and deletes nothing more", () => {
    return Effect.gen(function*() {
      const { before, chosen, ledger, model, summary } = yield* purgeGuests(ledgerModel(undefined, (call) => call === 2 || call === 3))
      // The second batch was sent three times (two lost answers), every other once.
      expect(ledger.requests.slice(0, 4)).toEqual([60, 60, 60, 60])
      expect([...ledger.sent.values()].filter((n) => n === 3)).toHaveLength(60)
      expect(summary).toMatchObject({ deleted: chosen.length, failed: 0, retries: 2 })
      expectExact(ledger, before, chosen, modelIdentities(model))
    })
  })

  it.live("an identity refused with InternalServerError on every attempt is reported after the attempts allowed; the purge goes on", () => {
    let stubborn: string | undefined
    const refuse: Refuse = (ids, call) => {
      if (call === 1) stubborn = ids[7]
      return new Map(ids.filter((id) => id === stubborn).map((id) => [id, "InternalServerError"] as const))
    }
    return Effect.gen(function*() {
      const { before, chosen, ledger, model, summary } = yield* purgeGuests(ledgerModel(refuse), { mode: "standard", maxAttempts: 3 })
      expect(summary.failures).toEqual([expect.objectContaining({ IdentityId: stubborn, ErrorCode: "InternalServerError" })])
      expect(ledger.sent.get(stubborn ?? "")).toBe(3)
      expect(summary.deleted).toBe(chosen.length - 1)
      expectExact(ledger, before, chosen.filter((i) => i.id !== stubborn), modelIdentities(model), chosen)
    })
  })
})

describe("purge: checkpoints", () => {
  /** Runs `options` and interrupts it once the checkpoint has recorded `processed` entries. */
  const interruptAfter = (options: PurgeOptions, processed: number) =>
    Effect.gen(function*() {
      const reached = yield* Deferred.make<void>()
      const fiber = yield* Effect.fork(purgeIdentities({
        ...options,
        onProgress: (p) => (p.processed >= processed ? Deferred.succeed(reached, undefined) : Effect.void)
      }))
      yield* Deferred.await(reached)
      yield* Fiber.interrupt(fiber)
    })

  it.live("interrupted twice, resumed: exact; the plan kept next to the checkpoint is removed at the end", () => {
    const { ledger, model } = ledgerModel()
    seedMix(model)
    const before = modelIdentities(model)
    const selection: PurgeSelection = { guests: true }
    const chosen = oracle(before, selection)
    const dir = tmp()
    const checkpoint = path.join(dir, "purge.checkpoint")
    const options: PurgeOptions = { source: { pools: "all", selection }, execute: true, checkpoint }
    return Effect.gen(function*() {
      yield* interruptAfter(options, 120)
      const saved = JSON.parse(fs.readFileSync(checkpoint, "utf8")) as { processed: number; plan: string }
      expect(saved.processed).toBeGreaterThanOrEqual(120)
      expect(saved.plan).toBe(`${checkpoint}.plan`)
      expect(ndjsonKeys(saved.plan).sort()).toEqual(keys(chosen))
      yield* interruptAfter(options, 360)
      const result = yield* purgeIdentities(options)
      if (result._tag !== "Executed") return expect.unreachable()
      // The resumed runs did not select again: the plan of the first run was finished.
      expect(result.selection).toBeUndefined()
      expect(result.summary).toMatchObject({ resumed: true, planned: chosen.length, deleted: chosen.length, failed: 0 })
      expectExact(ledger, before, chosen, modelIdentities(model))
      expect(fs.readdirSync(dir)).toEqual([])
    }).pipe(Effect.provide(inProcessLayer(model)))
  })

  it.live("refused before anything is deleted: another purge's checkpoint, a changed plan, a bad plan line, no criterion", () => {
    const { ledger, model } = ledgerModel()
    const [pool] = seedMix(model)
    const dir = tmp()
    const checkpoint = path.join(dir, "c.checkpoint")
    const plan = path.join(dir, "plan.ndjson")
    return Effect.gen(function*() {
      yield* interruptAfter({ source: { pools: [pool ?? ""], selection: { guests: true } }, execute: true, checkpoint }, 60)
      const deletedBefore = ledger.requests.length
      const other = yield* purgeIdentities({ source: { pools: [pool ?? ""], selection: { disabled: true } }, execute: true, checkpoint }).pipe(Effect.flip)
      expect(other.message).toContain(`pools ${pool}: guests in the checkpoint, pools ${pool}: disabled identities now`)

      fs.appendFileSync(`${checkpoint}.plan`, JSON.stringify({ IdentityId: "us-east-1:00000000-0000-4000-8000-000000000000" }) + "\n")
      const changed = yield* purgeIdentities({ source: { pools: [pool ?? ""], selection: { guests: true } }, execute: true, checkpoint }).pipe(Effect.flip)
      expect(changed.message).toContain("changed since the checkpoint")

      fs.writeFileSync(plan, `${JSON.stringify({ IdentityId: "us-east-1:00000000-0000-4000-8000-000000000001" })}\n\n{"IdentityId":"not an id"}\n`)
      const bad = yield* executePurgePlan({ plan }).pipe(Effect.flip)
      expect(bad.message).toContain(`line 3 of the plan ${plan}`)

      const none = yield* purgeIdentities({ source: { pools: "all", selection: {} }, execute: true }).pipe(Effect.flip)
      expect(none._tag).toBe("PurgeOptionsError")
      const samePlan = yield* executePurgePlan({ plan, checkpoint: plan }).pipe(Effect.flip)
      expect(samePlan.message).toContain("must be different files")
      expect(ledger.requests.length).toBe(deletedBefore)
    }).pipe(Effect.provide(inProcessLayer(model)))
  })
})
