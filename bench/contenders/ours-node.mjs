/** This client on its Node transport (undici `request`, keep-alive pool). */
import { NodeHttpClient } from "../../dist/node/index.js"
import { createOurs } from "./ours.mjs"

export const create = (options) => createOurs(NodeHttpClient.layer, options)
