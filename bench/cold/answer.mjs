/**
 * What every cold-start program shares: the endpoint from its argument, and its answer on
 * stdout (the identity id, and when it arrived: `performance.now()` counts from the process's
 * time origin), after which it exits at once, so that what is timed is start-up and one call,
 * not the teardown of a connection pool.
 */
export { POOL_ID } from "../lib/fixtures.mjs"

export const endpoint = process.argv[2] ?? "http://127.0.0.1:1"

export const answer = (identityId) => {
  process.stdout.write(`${JSON.stringify({ identityId, responseAtMs: performance.now() })}\n`)
  process.exit(0)
}
