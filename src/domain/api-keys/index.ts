export {
  type ApiKeyPrincipal,
  authenticateApiKey,
  forgetApiKeys,
  forgetPersonKeys,
} from "./authenticate-api-key.ts";
export { createApiKey } from "./create-api-key.ts";
export { listApiKeys } from "./list-api-keys.ts";
export { revokeApiKey } from "./revoke-api-key.ts";
export { type CreatorChange, revokeCreatorKeys } from "./revoke-creator-keys.ts";
