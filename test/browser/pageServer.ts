/** The page's own origin: a static server on 127.0.0.1 (port 0) for index.html and the bundle. */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"

export interface PageServer {
  readonly url: string
  readonly close: () => Promise<void>
}

export const servePage = (files: Readonly<Record<string, { readonly type: string; readonly body: string }>>): Promise<PageServer> =>
  new Promise((resolve) => {
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? "/", "http://page").pathname
      const file = files[path === "/" ? "/index.html" : path]
      if (file === undefined) {
        response.writeHead(404, { "content-type": "text/plain" }).end("not found")
        return
      }
      response.writeHead(200, { "content-type": file.type, "cache-control": "no-store" }).end(file.body)
    })
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          })
      })
    })
  })
