/**
 * Decomposition's last step: this client as shipped, its concurrent loop written the way the
 * Promise contenders write theirs (`bench/lib/loop.mjs`): 32 fibers, each making call after
 * call, instead of `Effect.forEach`, which forks a fiber per call. Its difference from
 * `ours-node` is what a fiber per call costs.
 */
import { UndiciHttpClient } from "../../dist/node/index.js"
import { createOurs } from "../contenders/ours.mjs"

export const create = (options) => createOurs(UndiciHttpClient.layer, options, undefined, { loop: "workers" })
