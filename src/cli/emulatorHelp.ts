/**
 * The help of `cognito-identity emulator` (whose flags are defined in commands/emulatorCommand.ts;
 * test/cli/help.test.ts checks that this page names every one of them).
 */
import type { Help } from "./help.js"

export const emulatorHelp: Help = {
  usage: ["emulator [--host 127.0.0.1] [--port N] [--seed-pools N --seed-identities N] [--state FILE] [options]"],
  summary: "Run the local Cognito Identity emulator (awsJson1.1 over HTTP, SigV4 verified) until SIGINT or SIGTERM.",
  options: [
    ["--host HOST", "address to listen on (default: 127.0.0.1)"],
    ["--port N", "port to listen on, 0 to 65535; 0 picks a free one (default: 4566)"],
    ["--seed-pools N", "create N pools at start, 0 to 1000 (default: 0)"],
    ["--seed-identities N", "identities per seeded pool (default: 0)"],
    ["--state FILE", "load the state from FILE and keep it there, each change within 200 ms (default: in memory)"],
    ["--no-verify-signatures", "accept any well-formed SigV4 signature"],
    ["--rate-limits", "throttle at AWS's published quotas (GetId 25/s, ...)"],
    ["--enforce-iam", "check calls signed with credentials the emulator issued against --iam-policies"],
    ["--iam-policies FILE", "JSON: role ARN -> IAM policy document(s) (needs --enforce-iam)"],
    ["--fault-throttling RATE", "share of requests answered TooManyRequestsException, 0..1"],
    ["--fault-internal-error RATE", "share answered InternalErrorException, 0..1"],
    ["--fault-503 RATE", "share answered HTTP 503, 0..1"],
    ["--fault-drop RATE", "share of connections dropped without an answer, 0..1"],
    ["--latency-ms MS", "added to every answer, 0 to 60000"]
  ]
}
