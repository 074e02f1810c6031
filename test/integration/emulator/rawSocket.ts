/** Raw TCP exchanges with the emulator's server, for what no HTTP client will send. */
import { connect } from "node:net"

export interface RawExchange {
  /** Everything the server sent. */
  readonly response: string
  /** The server closed the connection (or reset it). */
  readonly closed: boolean
  /** Milliseconds from connecting to the close (or to the timeout). */
  readonly elapsed: number
  readonly error: string | undefined
}

export interface RawOptions {
  /** Give up waiting for the server after this long. */
  readonly timeoutMillis?: number
  /** Bytes sent after the first write, one write per `intervalMillis` (a slow sender). */
  readonly dribble?: { readonly chunk: string | Uint8Array; readonly intervalMillis: number; readonly count: number }
  /** Half-close after writing (default false: a client waiting for the answer). */
  readonly end?: boolean
}

export const rawExchange = (port: number, data: string | Uint8Array, options: RawOptions = {}): Promise<RawExchange> =>
  new Promise((resolve) => {
    const started = Date.now()
    const chunks: Array<Buffer> = []
    let finished = false
    let error: string | undefined
    const socket = connect({ host: "127.0.0.1", port })
    let dribbler: ReturnType<typeof setInterval> | undefined
    const finish = (closed: boolean) => {
      if (finished) return
      finished = true
      if (dribbler !== undefined) clearInterval(dribbler)
      clearTimeout(timer)
      socket.destroy()
      resolve({ response: Buffer.concat(chunks).toString("latin1"), closed, elapsed: Date.now() - started, error })
    }
    const timer = setTimeout(() => finish(false), options.timeoutMillis ?? 5_000)
    socket.on("data", (chunk) => chunks.push(chunk))
    socket.on("error", (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message
      finish(true)
    })
    socket.on("close", () => finish(true))
    socket.on("connect", () => {
      socket.write(data, () => {
        if (options.end === true) socket.end()
      })
      const dribble = options.dribble
      if (dribble !== undefined) {
        let sent = 0
        dribbler = setInterval(() => {
          if (sent >= dribble.count || socket.destroyed) {
            if (dribbler !== undefined) clearInterval(dribbler)
            return
          }
          sent += 1
          socket.write(dribble.chunk)
        }, dribble.intervalMillis)
      }
    })
  })

/** The status code and body of the first HTTP response in `raw`. */
export const parseResponse = (raw: string): { readonly status: number; readonly headers: string; readonly body: string } | undefined => {
  const match = /^HTTP\/1\.1 (\d{3})[^\r\n]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(raw)
  if (match === null) return undefined
  return { status: Number(match[1]), headers: match[2] ?? "", body: match[3] ?? "" }
}
