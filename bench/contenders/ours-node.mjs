/** This client on its Node transport (undici `request`, keep-alive pool). */
import { UndiciHttpClient } from "../../dist/node/index.js"
import { createOurs } from "./ours.mjs"

export const create = (options) => createOurs(UndiciHttpClient.layer, options)
