/**
 * Decomposition step 3: this client on UndiciHttpClient with Effect's tracer switched off
 * (`Layer.setTracerEnabled(false)`). Its cost over step 2 is the executor (Schema encode and
 * decode, headers, credentials, retry policy, timeouts, error mapping); the `ours-node`
 * contender's cost over it is what the spans cost.
 */
import * as Layer from "effect/Layer"
import { UndiciHttpClient } from "../../dist/node/index.js"
import { createOurs } from "../contenders/ours.mjs"

export const create = (options) => createOurs(UndiciHttpClient.layer, options, Layer.setTracerEnabled(false))
