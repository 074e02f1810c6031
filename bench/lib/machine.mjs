/** What the figures were measured on, printed with them. */
import { readFileSync } from "node:fs"
import os from "node:os"

const cpuModel = () => {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => l.startsWith("model name"))
    return line?.split(":")[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown"
  } catch {
    return os.cpus()[0]?.model ?? "unknown"
  }
}

const uptime = () => {
  try {
    return readFileSync("/proc/loadavg", "utf8").trim().split(" ").slice(0, 3).join(", ")
  } catch {
    return os.loadavg().map((l) => l.toFixed(2)).join(", ")
  }
}

export const machine = () => ({
  cpu: cpuModel(),
  cores: os.availableParallelism?.() ?? os.cpus().length,
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  date: new Date().toISOString(),
  loadAverage: uptime()
})

export const loadAverage = uptime
