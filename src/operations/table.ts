/**
 * The operations by AWS name, derived from the one list of them (`index.ts`): what the
 * emulator routes `X-Amz-Target` through, and what tests iterate over. Adding an operation is
 * its file and one line in `index.ts`; this table, the emulator's handler record (whose type
 * demands one handler per name) and the type tests follow from there.
 */
import type { AnyOperation } from "../protocol/Operation.js"
import { isOperation } from "../protocol/Operation.js"
import * as Operations from "./index.js"

type Exports = typeof Operations

/** Each operation descriptor, under its AWS name. */
export type OperationsByName = {
  readonly [K in keyof Exports as Exports[K] extends AnyOperation ? K : never]: Exports[K]
}

/** The 23 operation names. */
export type OperationName = keyof OperationsByName

export const operationTable: ReadonlyMap<string, AnyOperation> = new Map(
  Object.values(Operations).flatMap((value): Array<[string, AnyOperation]> => isOperation(value) ? [[value.name, value]] : [])
)
