/**
 * Text to stdout with its failures as values: `EPIPE` when the reader went away (`| head -1`;
 * `runMain` then ends quietly) or `ENOSPC` on a full disk (a one-line error), never a stack trace.
 */
import * as Effect from "effect/Effect"
import type { ExportFileError } from "../export/ExportFileError.js"
import { stdoutOutput } from "../export/exportOutput.js"

export const writeStdout = (text: string): Effect.Effect<void, ExportFileError> => Effect.asVoid(stdoutOutput.write(text))
