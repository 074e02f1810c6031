export { NodeHttpClient, type NodeHttpClientOptions } from "./NodeHttpClient.js"
