'use strict';
// Shared Platform Core for Node.js. (Literal re-exports so ESM `import { … }` sees every name.)
const { Engine, TenantScope, PLATFORM_SCOPE } = require('./engine');
const { AuditClient } = require('./audit');
const { version } = require('../native/native.js');
const {
  RateLimitClient,
  RateLimitDecision,
  parseRateLimitHeaders,
  rateLimitMiddleware,
  rateLimitAware,
  RateLimitAwareClient,
  RATE_LIMIT_EVENTS,
} = require('./ratelimit');
const { AuthzClient } = require('./authz');
const {
  RedactionClient,
  UNREDACTABLE,
  redactionFormatters,
  redactionHooks,
  pinoRedaction,
  winstonRedaction,
} = require('./redaction');

module.exports = {
  Engine,
  TenantScope,
  AuditClient,
  PLATFORM_SCOPE,
  version,
  RateLimitClient,
  RateLimitDecision,
  parseRateLimitHeaders,
  rateLimitMiddleware,
  rateLimitAware,
  RateLimitAwareClient,
  RATE_LIMIT_EVENTS,
  AuthzClient,
  RedactionClient,
  UNREDACTABLE,
  redactionFormatters,
  redactionHooks,
  pinoRedaction,
  winstonRedaction,
  ...require('./errors'),
};
