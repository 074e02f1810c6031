/**
 * What a run measures. The full sizes keep `npm run bench` to about ten minutes on two cores
 * with the slowest contenders; every size can be overridden from the command line (see
 * run.mjs --help).
 */

export const CALL_CONTENDERS = [
  { id: "ours-node", label: "ours (UndiciHttpClient)" },
  { id: "ours-fetch", label: "ours (FetchHttpClient)" },
  { id: "sdk", label: "AWS SDK v3" },
  { id: "floor", label: "floor (undici + SigV4)" }
]

export const EXPORT_CONTENDERS = [
  { id: "ours-node/stream", contender: "ours-node", variant: "stream", label: "ours listIdentitiesStream (Node)" },
  { id: "ours-node/records", contender: "ours-node", variant: "records", label: "ours exportIdentities (Node)" },
  { id: "sdk/loop", contender: "sdk", variant: "loop", label: "AWS SDK v3 (NextToken loop)" },
  { id: "floor/loop", contender: "floor", variant: "loop", label: "floor (undici loop)" }
]

/** `bare` is the bare Effect program (effect + Schema + @effect/platform) the cold-start goal is measured over. */
export const COLD_CONTENDERS = ["ours-node", "ours-fetch", "ours-nodehttp", "ours-subpath", "sdk", "floor", "bare"]

/** Both kinds of call, and the operation each one stands for. */
export const KINDS = [
  { kind: "signed", operation: "DescribeIdentityPool" },
  { kind: "unsigned", operation: "GetId" }
]

export const PRESETS = {
  full: {
    rounds: 5,
    // Every contender's CPU per call falls 2–5× over its first ~3,000 calls as the JIT settles
    // (`node bench/warmup.mjs`); the loops measure the steady state after that. The slowest
    // contenders stop warming up after 3 s (they are not near their steady state's noise anyway).
    warmup: 3_000,
    warmupMaxSeconds: 3,
    // Then 4,000 calls at the measured loop's own concurrency (same 3 s cut) right before it,
    // unmeasured: from a fresh process every contender settles by ~3,500 calls one at a time
    // (`node bench/warmup.mjs`). Call loops start without a forced GC (see `measure` in
    // lib/child.mjs: a forced full GC deoptimizes code and brings major GCs into the loop).
    rewarm: 4_000,
    sequential: 1_000,
    concurrent: 2_000,
    concurrency: 32,
    // Each measured loop: at least the count above and 0.75 s, at most 2 s.
    minSeconds: 0.75,
    maxSeconds: 2,
    // Rounds per export size: a 1M export of the slowest contender takes tens of seconds, but one
    // round of it moved ours' CPU from 1.22× to 1.62× the floor's between two runs of the same client code.
    exports: [{ size: 100_000, rounds: 5 }, { size: 1_000_000, rounds: 2 }],
    // 4,000 pages: every contender's CPU per identity falls 2–4× over its first ~200,000
    // identities exported (`node bench/warmup.mjs --export`), code that runs once per page being
    // called 60 times less often than code that runs per identity. The measured export follows
    // without a forced GC (`measure` in lib/child.mjs).
    exportWarmup: 240_000,
    coldSpawns: 10
  },
  smoke: {
    rounds: 1,
    warmup: 50,
    warmupMaxSeconds: 2,
    rewarm: 50,
    sequential: 200,
    concurrent: 300,
    concurrency: 32,
    minSeconds: 0,
    maxSeconds: 2.5,
    exports: [{ size: 10_000, rounds: 1 }],
    exportWarmup: 600,
    coldSpawns: 2
  }
}
