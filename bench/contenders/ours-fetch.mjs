/** This client on the portable default transport, `FetchHttpClient` (global fetch). */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { createOurs } from "./ours.mjs"

export const create = (options) => createOurs(FetchHttpClient.layer, options)
