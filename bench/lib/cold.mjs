/**
 * Cold start of a contender as installed (its modules loaded from node_modules and dist/):
 *
 *   node bench/lib/cold.mjs <contender> <endpoint>
 */
import { runCold } from "./coldMain.mjs"

const [contender, endpoint] = process.argv.slice(2)
const { create } = await import(`../contenders/${contender}.mjs`)
await runCold(create, endpoint)
