import { newModelState, serviceModelOf } from "./dist/emulator/makeServiceModel.js"
import { makeJwtSigner } from "./dist/emulator/Jwt.js"
import { randomUUID } from "node:crypto"
const state = newModelState({ jwt: makeJwtSigner(), randomId: randomUUID, poolQuota: 1000 })
let t = performance.now()
serviceModelOf(state).seed({ accountId: "123456789012", region: "us-east-1", pools: 1, identitiesPerPool: 1_000_000, now: new Date() })
console.log("seed 1M", Math.round(performance.now() - t), "rss", Math.round(process.memoryUsage().rss / 1e6))
