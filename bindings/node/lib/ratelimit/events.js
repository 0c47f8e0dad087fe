'use strict';
// Names of the rate-limiting events on the engine's event bus (spec 003 §4).

const RATE_LIMIT_EVENTS = Object.freeze({
  LIMIT_APPROACHED: 'ratelimit.limit_approached',
  LIMIT_EXCEEDED: 'ratelimit.limit_exceeded',
  BURST_USED: 'ratelimit.burst_used',
  PENALTY_BOX_ENTERED: 'ratelimit.penalty_box_entered',
  PENALTY_BOX_EXITED: 'ratelimit.penalty_box_exited',
  POLICY_CREATED: 'ratelimit.policy.created',
  POLICY_UPDATED: 'ratelimit.policy.updated',
  POLICY_DELETED: 'ratelimit.policy.deleted',
  RULE_CREATED: 'ratelimit.rule.created',
  RULE_ENABLED: 'ratelimit.rule.enabled',
  RULE_DISABLED: 'ratelimit.rule.disabled',
  BYPASS_CREATED: 'ratelimit.bypass.created',
  BYPASS_EXPIRED: 'ratelimit.bypass.expired',
  ADJUSTMENT_APPLIED: 'ratelimit.adjustment.applied',
  ADJUSTMENT_REVERTED: 'ratelimit.adjustment.reverted',
  DISTRIBUTED_STORE_CONNECTED: 'ratelimit.distributed_store.connected',
  DISTRIBUTED_STORE_DISCONNECTED: 'ratelimit.distributed_store.disconnected',
});

module.exports = { RATE_LIMIT_EVENTS };
