import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url))

export default defineConfig({
  resolve: {
    // Examples import the package by name, as users do; tests run them against the sources.
    alias: [
      { find: /^effect-cognito-identity\/CognitoIdentity$/, replacement: src("CognitoIdentity.ts") },
      { find: /^effect-cognito-identity\/CognitoIdentityClient$/, replacement: src("layers/CognitoIdentityClient.ts") },
      { find: /^effect-cognito-identity\/AwsCredentials$/, replacement: src("layers/AwsCredentials.ts") },
      { find: /^effect-cognito-identity\/RetryPolicy$/, replacement: src("layers/RetryPolicy.ts") },
      { find: /^effect-cognito-identity\/node\/NodeHttpClient$/, replacement: src("node/NodeHttpClient.ts") },
      { find: /^effect-cognito-identity\/node\/UndiciHttpClient$/, replacement: src("node/UndiciHttpClient.ts") },
      { find: /^effect-cognito-identity\/node$/, replacement: src("node/index.ts") },
      { find: /^effect-cognito-identity\/emulator$/, replacement: src("emulator/index.ts") },
      { find: /^effect-cognito-identity$/, replacement: src("index.ts") }
    ]
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Three test files at once on CI's 2 cores: most suites spend their time waiting on other
    // processes (moto_server, the CLI, Chromium, the runtimes), so two workers left a core idle
    // half the time (vitest 721 s on a clean clone; 322 s with three).
    maxWorkers: 3,
    minWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 60_000
  }
})
