/**
 * Help as a user reads it in a terminal or a pipe: plain text (no ANSI styling, ever), the
 * usage line with the program's name and alternatives written as alternatives, one line per
 * option with its default. @effect/cli's own help (styled, several lines per option, without
 * defaults) is not used for the commands that have one of these.
 */
export interface Help {
  /** Usage lines, without the leading `cognito-identity `. */
  readonly usage: ReadonlyArray<string>
  readonly summary: string
  /** Title of the list below. Default "Options". */
  readonly heading?: string | undefined
  /** `[flag with its argument, what it does (default: …)]`. */
  readonly options?: ReadonlyArray<readonly [string, string]> | undefined
  /** A closing paragraph (exit codes, where the details are). */
  readonly footer?: string | undefined
}

export const PROGRAM = "cognito-identity"

const WIDTH = 30

export const renderHelp = (help: Help): string => {
  const lines = help.usage.map((usage, i) => `${i === 0 ? "Usage: " : "       "}${PROGRAM} ${usage}`)
  lines.push("", help.summary)
  if (help.options !== undefined && help.options.length > 0) {
    lines.push("", `${help.heading ?? "Options"}:`)
    for (const [flag, text] of help.options) {
      lines.push(flag.length + 2 < WIDTH ? `  ${flag.padEnd(WIDTH - 2)}${text}` : `  ${flag}\n${" ".repeat(WIDTH)}${text}`)
    }
  }
  if (help.footer !== undefined) lines.push("", help.footer)
  return lines.join("\n") + "\n"
}

/** The options every command that talks to the service shares. */
export const connectionHelp: ReadonlyArray<readonly [string, string]> = [
  ["--region REGION", "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region)"],
  ["--endpoint URL", "another endpoint, e.g. an emulator (default: AWS_ENDPOINT_URL_COGNITO_IDENTITY)"],
  ["--profile NAME", "profile of ~/.aws/config and ~/.aws/credentials (default: AWS_PROFILE, default)"]
]
