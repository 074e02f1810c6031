/** This client on Node's own HTTP stack (`NodeHttpClient`, node:http keep-alive agents), for short-lived processes. */
import { NodeHttpClient } from "../../dist/node/index.js"
import { createOurs } from "./ours.mjs"

export const create = (options) => createOurs(NodeHttpClient.layer, options)
