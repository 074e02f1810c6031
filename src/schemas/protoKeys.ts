/**
 * `__proto__` as a member or map key. effect's `Schema.Record` rebuilds maps with
 * `out[key] = value`, which for this one key sets the object's prototype instead of adding an
 * entry: the entry would silently vanish from what is sent. The client refuses such input.
 */

/** Far deeper than any input of the model; bounds the walk on hostile input. */
const MAX_DEPTH = 32

/** The paths (as keys) at which an own `__proto__` key appears. */
export const protoKeyPaths = (value: unknown): ReadonlyArray<ReadonlyArray<PropertyKey>> => {
  const found: Array<ReadonlyArray<PropertyKey>> = []
  const walk = (node: unknown, path: ReadonlyArray<PropertyKey>, depth: number): void => {
    if (depth > MAX_DEPTH || typeof node !== "object" || node === null) return
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, [...path, index], depth + 1))
      return
    }
    for (const key of Object.keys(node)) {
      if (key === "__proto__") found.push([...path, key])
      else walk((node as Record<string, unknown>)[key], [...path, key], depth + 1)
    }
  }
  walk(value, [], 0)
  return found
}
