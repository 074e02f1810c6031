/**
 * `{ ...base, ...extra }` for objects built on every call, page or record: a new object with
 * `base`'s own enumerable properties, then `extra`'s.
 *
 * Why not the spread: on Node 20 (V8 11.3) an object literal that spreads an object and then
 * adds properties (`{ ...headers, host }`, `{ ...a, ...b }`) gives every result a hidden class
 * of its own once its inline cache has seen a few (`%HaveSameMap` is false for any two; Node 22
 * and 24 keep one). Each such object then costs a new map, misses the inline caches of
 * whatever reads it (the signer's header loop, undici's), and leaves garbage only a major GC
 * takes back: a loop that keeps none of them promoted ~130 bytes per object, and the signer's
 * two spreads ~530 bytes per signed call (`node bench/experiments/promotion.mjs ours-node
 * --kind signed`, pretenuring off: 583 bytes promoted per call with them, 57 without).
 * `Object.assign` onto `{}` adds the properties one by one along one chain of hidden classes,
 * which every copy shares. (A spread alone, `{ ...base }`, keeps one map; code that copies once
 * may spread.)
 *
 * Properties are copied by assignment: a key `__proto__` would set the copy's prototype instead
 * of being copied, so `base` and `extra` must be objects whose keys this package chose.
 */
export const copyWith = <A extends object, B extends object>(base: A, extra: B): A & B => Object.assign({}, base, extra)
