/** README layer cookbook: a client takes its HttpClient (here undici, on Node) when it is built. */
import { Layer } from "effect"
import { CognitoIdentityClient } from "effect-cognito-identity"
import { UndiciHttpClient } from "effect-cognito-identity/node"

export const Client = CognitoIdentityClient.layer({ region: "eu-west-1" }).pipe(Layer.provide(UndiciHttpClient.layer))
export const Fips = CognitoIdentityClient.layer({ region: "us-gov-west-1", useFipsEndpoint: true }).pipe(Layer.provide(UndiciHttpClient.layer))
export const Local = CognitoIdentityClient.layer({ region: "us-east-1", endpoint: "http://127.0.0.1:4566" }).pipe(Layer.provide(UndiciHttpClient.layer))
