'use strict';
// Rate limiting (spec 003 §4).
const { RateLimitClient } = require('./client');
const { RateLimitDecision } = require('./decision');
const { parseRateLimitHeaders } = require('./headers');
const { rateLimitMiddleware } = require('./middleware');
const { rateLimitAware, RateLimitAwareClient } = require('./retry');
const { RATE_LIMIT_EVENTS } = require('./events');

module.exports = {
  RateLimitClient,
  RateLimitDecision,
  parseRateLimitHeaders: (headers) => parseRateLimitHeaders(headers),
  rateLimitMiddleware,
  rateLimitAware,
  RateLimitAwareClient,
  RATE_LIMIT_EVENTS,
};
