/**
 * The body of a cold-start process: create one contender, make one GetId call, report when the
 * answer came (`performance.now()` counts from the process's time origin) and exit at once, so
 * that what is timed is start-up and the first call, not the teardown of a connection pool.
 */
export const runCold = async (create, endpoint) => {
  const contender = await create({ endpoint })
  const identityId = await contender.getId()
  const responseAtMs = performance.now()
  // What the process holds once it has answered: its modules and one call (no GC forced).
  process.stdout.write(`${JSON.stringify({ identityId, responseAtMs, rss: process.memoryUsage.rss() })}\n`)
  process.exit(0)
}
