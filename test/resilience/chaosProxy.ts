/**
 * A small TCP proxy for chaos tests. Each connection gets one mode, drawn from a seeded
 * sequence; the proxy reads the upstream's whole response (head and Content-Length body),
 * adds `Connection: close` so that every request gets a connection (and a mode) of its own,
 * then delivers it faithfully or breaks it:
 *
 * - `pass`: as received;
 * - `reset`: the head and half the body, then a TCP reset;
 * - `truncate`: a Content-Length 100 bytes larger than the body sent, then close;
 * - `html502`: a load balancer's HTML 502, without asking the upstream;
 * - `trickle`: one byte every 50 ms;
 * - `silent`: reads the request, never answers;
 * - `throttle`: the service's throttling answer (HTTP 400 `TooManyRequestsException`), without
 *   asking the upstream;
 * - `internalError`: the service's HTTP 500 `InternalErrorException`, without asking the upstream.
 *
 * `weights` choose the mix (the default is the harsh one of chaos.test.ts; `exportFaults` is the
 * mix a long export meets on its way to AWS), and `latencyMillis` delays every answer by a
 * random 0..N ms.
 */
import { Effect } from "effect"
import * as net from "node:net"

export type ChaosMode = "pass" | "reset" | "truncate" | "html502" | "trickle" | "silent" | "throttle" | "internalError"

export type ChaosWeights = ReadonlyArray<readonly [ChaosMode, number]>

export interface ChaosOptions {
  readonly seed?: number
  readonly weights?: ChaosWeights
  /** Each answer waits a random 0..latencyMillis ms. Default 0. */
  readonly latencyMillis?: number
}

export interface ChaosProxy {
  readonly url: string
  /** Connections served, by mode: every mode of the weights, and `pass`. */
  readonly counts: Readonly<Partial<Record<ChaosMode, number>>>
}

/** mulberry32: a tiny seeded PRNG, so that a run's sequence of modes is reproducible. */
const seeded = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const harsh: ChaosWeights = [
  ["pass", 0.4],
  ["reset", 0.12],
  ["truncate", 0.12],
  ["html502", 0.12],
  ["trickle", 0.12],
  ["silent", 0.12]
]

/** About 10% throttling, 5% InternalError, 3% connection resets, 2% HTML 502 pages, 2% truncated bodies. */
export const exportFaults: ChaosWeights = [
  ["throttle", 0.1],
  ["internalError", 0.05],
  ["reset", 0.03],
  ["html502", 0.02],
  ["truncate", 0.02]
]

const serviceError = (status: number, code: string, message: string) => {
  const body = JSON.stringify({ __type: code, message })
  return `HTTP/1.1 ${status} ${status === 500 ? "Internal Server Error" : "Bad Request"}\r\n` +
    `Content-Type: application/x-amz-json-1.1\r\nx-amzn-ErrorType: ${code}\r\nx-amzn-RequestId: chaos\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
}

const html = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"

export const chaosProxy = (upstreamPort: number, seedOrOptions: number | ChaosOptions = 1) =>
  Effect.acquireRelease(
    Effect.async<ChaosProxy & { readonly close: () => Promise<void> }>((resume) => {
      const options: ChaosOptions = typeof seedOrOptions === "number" ? { seed: seedOrOptions } : seedOrOptions
      const weights = options.weights ?? harsh
      const random = seeded(options.seed ?? 1)
      const latency = options.latencyMillis ?? 0
      // Its own sequence: latencies are drawn in answer order, which must not shift the modes.
      const jitter = seeded((options.seed ?? 1) ^ 0x5bd1e995)
      const counts: Partial<Record<ChaosMode, number>> = Object.fromEntries([["pass", 0], ...weights.map(([mode]) => [mode, 0])])
      /** Runs `answer` after this connection's share of latency (drawn now, so the sequence stays seeded). */
      const later = (answer: () => void) => {
        const wait = latency > 0 ? Math.floor(jitter() * (latency + 1)) : 0
        if (wait === 0) return answer()
        const timer = setTimeout(() => {
          timers.delete(timer)
          answer()
        }, wait)
        timers.add(timer)
      }
      const sockets = new Set<net.Socket>()
      const timers = new Set<ReturnType<typeof setInterval> | ReturnType<typeof setTimeout>>()
      const pick = (): ChaosMode => {
        let r = random()
        for (const [mode, weight] of weights) {
          if (r < weight) return mode
          r -= weight
        }
        return "pass"
      }

      const server = net.createServer((client) => {
        sockets.add(client)
        client.on("close", () => sockets.delete(client))
        client.on("error", () => {})
        const mode = pick()
        counts[mode] = (counts[mode] ?? 0) + 1

        if (mode === "silent") {
          client.resume()
          return
        }
        const answerAlone = (text: string) =>
          client.once("data", () => later(() => client.end(text)))
        if (mode === "html502") {
          return answerAlone(
            `HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: ${html.length}\r\nConnection: close\r\n\r\n${html}`
          )
        }
        if (mode === "throttle") return answerAlone(serviceError(400, "TooManyRequestsException", "Rate exceeded"))
        if (mode === "internalError") return answerAlone(serviceError(500, "InternalErrorException", "Internal error"))

        const upstream = net.connect(upstreamPort, "127.0.0.1")
        sockets.add(upstream)
        upstream.on("close", () => sockets.delete(upstream))
        upstream.on("error", () => client.destroy())
        client.on("close", () => upstream.destroy())
        client.pipe(upstream)

        let buffered = Buffer.alloc(0)
        let delivered = false
        upstream.on("data", (chunk: Buffer) => {
          if (delivered) return
          buffered = Buffer.concat([buffered, chunk])
          const headEnd = buffered.indexOf("\r\n\r\n")
          if (headEnd < 0) return
          const headText = buffered.subarray(0, headEnd).toString("latin1")
          const declared = /\r\ncontent-length:\s*(\d+)/i.exec(headText)
          const bodyLength = declared === null ? 0 : Number(declared[1])
          if (buffered.length < headEnd + 4 + bodyLength) return
          delivered = true
          upstream.destroy()
          const body = buffered.subarray(headEnd + 4, headEnd + 4 + bodyLength)
          const lines = headText.split("\r\n").filter((line) => !/^(connection|keep-alive|content-length):/i.test(line))
          const head = (length: number) => Buffer.from(`${lines.join("\r\n")}\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`, "latin1")
          later(() => deliver(mode, head, body, bodyLength))
        })

        const deliver = (mode: ChaosMode, head: (length: number) => Buffer, body: Buffer, bodyLength: number) => {
          if (client.destroyed) return
          switch (mode) {
            case "pass":
              client.end(Buffer.concat([head(bodyLength), body]))
              return
            case "reset":
              client.write(Buffer.concat([head(bodyLength), body.subarray(0, Math.floor(bodyLength / 2))]), () => {
                client.resetAndDestroy()
              })
              return
            case "truncate":
              client.end(Buffer.concat([head(bodyLength + 100), body]))
              return
            case "trickle": {
              const all = Buffer.concat([head(bodyLength), body])
              let offset = 0
              const timer = setInterval(() => {
                if (client.destroyed || offset >= all.length) {
                  clearInterval(timer)
                  timers.delete(timer)
                  client.end()
                  return
                }
                client.write(all.subarray(offset, offset + 1))
                offset += 1
              }, 50)
              timers.add(timer)
              return
            }
          }
        }
      })

      const close = () =>
        new Promise<void>((done) => {
          for (const timer of timers) clearTimeout(timer)
          for (const socket of sockets) socket.destroy()
          server.close(() => done())
        })

      server.listen(0, "127.0.0.1", () => {
        const address = server.address()
        const port = typeof address === "object" && address !== null ? address.port : 0
        resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, counts, close }))
      })
    }),
    (proxy) => Effect.promise(proxy.close)
  )
