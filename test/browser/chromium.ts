/**
 * Headless Chromium from the system (Debian's `chromium` package: `apt-get install chromium`),
 * driven by playwright-core, which downloads no browser. CHROMIUM_PATH overrides the path.
 */
import { existsSync } from "node:fs"
import { type Browser, chromium } from "playwright-core"

export const chromiumPath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium"

export const hasChromium = (): boolean => existsSync(chromiumPath)

export const INSTALL_CHROMIUM = "apt-get install -y chromium"

/**
 * The flags keep Chromium off the network it would otherwise reach for at start (updates,
 * sync, safe browsing, QUIC probes): the test's only traffic is to its two loopback servers.
 */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync"
    ]
  })
