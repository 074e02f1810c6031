/** How a contender process hands its result to the harness: one stdout line with this prefix. */
export const RESULT_PREFIX = "@@bench-result "
