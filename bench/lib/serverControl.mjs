/** Starts the canned server in its own process and asks it for its request counts. */
import { fork } from "node:child_process"
import { fileURLToPath } from "node:url"

const script = fileURLToPath(new URL("./server.mjs", import.meta.url))

export const startServer = () =>
  new Promise((resolve, reject) => {
    const child = fork(script, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] })
    const pending = []
    child.on("message", (message) => {
      if (message.type === "listening") {
        resolve({
          endpoint: `http://127.0.0.1:${message.port}`,
          pid: child.pid,
          /** The counts since the last reset: `{ counts: { Operation: n }, violations: [...] }`. */
          stats: (reset = true) =>
            new Promise((answer) => {
              pending.push(answer)
              child.send({ type: "stats", reset })
            }),
          stop: () =>
            new Promise((done) => {
              child.once("exit", done)
              child.disconnect()
            })
        })
      } else if (message.type === "stats") {
        pending.shift()?.(message)
      }
    })
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`the bench server exited early (code ${code})`)))
  })
