/**
 * Remembers the `NextToken`s a listing has followed, in constant memory, to tell whether a
 * token comes back: the last `window` tokens exactly (a loop or short cycle is caught before
 * its first repeated request), plus Brent's cycle detection over the whole sequence (a token
 * saved at each power of two; any longer cycle returns to it within two of its lengths). A
 * listing of a million pages keeps 65 tokens, and equality is exact: no false alarm.
 */
export interface TokenHistory {
  /** True when `token` was followed before (and so would start a loop). */
  readonly repeats: (token: string) => boolean
  /** Records a token about to be followed. */
  readonly add: (token: string) => void
}

export const makeTokenHistory = (window = 64): TokenHistory => {
  const recent: Array<string> = []
  const counts = new Map<string, number>()
  let saved: string | undefined
  let power = 1
  let steps = 0
  return {
    repeats: (token) => token === saved || counts.has(token),
    add: (token) => {
      recent.push(token)
      counts.set(token, (counts.get(token) ?? 0) + 1)
      if (recent.length > window) {
        const dropped = recent.shift() ?? ""
        const left = (counts.get(dropped) ?? 1) - 1
        if (left === 0) counts.delete(dropped)
        else counts.set(dropped, left)
      }
      steps += 1
      if (steps >= power) {
        saved = token
        power *= 2
        steps = 0
      }
    }
  }
}
