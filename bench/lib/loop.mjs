/**
 * The Promise contenders' call loop: `concurrency` workers take the next call until `n` have
 * been made, the way an application with that many requests in flight behaves.
 */
export const runLoop = async (n, concurrency, once) => {
  let started = 0
  const worker = async () => {
    while (started < n) {
      started++
      await once()
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, n)) }, worker))
}
