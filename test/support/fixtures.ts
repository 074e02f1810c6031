/**
 * The constants the test suites share, defined once: the credentials the emulator accepts by
 * default (the AWS documentation's example pair), one account, one region, one instant, and
 * the ids the scripted tests address. Suites that need more of their own (user pools, roles)
 * define them beside their tests.
 */

/** The AWS documentation's example key pair; the emulator accepts it by default (account 123456789012). */
export const ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
export const SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

export const ACCOUNT = "123456789012"
export const OTHER_ACCOUNT = "210987654321"
export const REGION = "us-east-1"
export const OTHER_REGION = "eu-west-1"

export const POOL = "us-east-1:0a1b2c3d-4e5f-4789-abcd-ef0123456789"
export const EU_POOL = "eu-west-1:0a1b2c3d-4e5f-4789-abcd-ef0123456789"
export const POOL_ARN = `arn:aws:cognito-identity:us-east-1:${ACCOUNT}:identitypool/${POOL}`
export const IDENTITY = "us-east-1:11111111-2222-4333-8444-555555555555"
export const OTHER_IDENTITY = "us-east-1:99999999-8888-4777-8666-555555555555"

/** "Now" for every suite that fixes the clock. */
export const NOW = new Date("2026-11-26T12:00:00.000Z")
export const NOW_MILLIS = NOW.getTime()
export const NOW_SECONDS = NOW_MILLIS / 1000
