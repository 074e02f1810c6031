/** The name under which a Cognito user pool is a login provider (kept apart: pool settings check it too). */

/**
 * `cognito-idp.<region>.amazonaws.com/<userPoolId>`; user pool ids are `<region>_<alnum>`
 * (cognito-idp's UserPoolIdType `[\w-]+_[0-9a-zA-Z]+`). The region is not required to be the
 * identity pool's: a pool may trust a user pool of another region. China regions use
 * amazonaws.com.cn.
 */
const USER_POOL_PROVIDER_NAME = /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/[\w-]+_[0-9a-zA-Z]+$/

export const isUserPoolProviderName = (name: string | undefined): name is string =>
  name !== undefined && USER_POOL_PROVIDER_NAME.test(name)
