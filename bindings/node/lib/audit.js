'use strict';
// The audit client of a scope (`scope.audit`).
const { toDate, toRfc3339 } = require('./convert');
const { pageFromJson } = require('./page');

const OUTCOMES = new Set(['success', 'failure', 'denied']);

function recordFromJson(raw) {
  return Object.freeze({
    seq: raw.seq,
    id: raw.id,
    timestamp: toDate(raw.timestamp),
    tenantId: raw.tenant_id,
    actorId: raw.actor_id,
    action: raw.action,
    resourceType: raw.resource_type,
    resourceId: raw.resource_id,
    outcome: raw.outcome,
    requestId: raw.request_id,
    metadata: raw.metadata,
    prevHash: raw.prev_hash,
    hash: raw.hash,
  });
}

function reportFromJson(raw) {
  return Object.freeze({
    valid: raw.valid,
    recordsChecked: raw.records_checked,
    firstBrokenSeq: raw.first_broken_seq,
    reason: raw.reason,
  });
}

function checkOutcome(outcome) {
  if (!OUTCOMES.has(outcome)) throw new TypeError(`outcome must be one of ${[...OUTCOMES].join(', ')}`);
  return outcome;
}

function recordArgs(entry) {
  if (entry === null || typeof entry !== 'object') throw new TypeError('record() takes an entry object');
  const args = {
    actor_id: entry.actorId,
    action: entry.action,
    resource_type: entry.resourceType,
    resource_id: entry.resourceId,
    outcome: checkOutcome(entry.outcome ?? 'success'),
    metadata: entry.metadata ?? null,
  };
  if (entry.requestId !== undefined) args.request_id = entry.requestId;
  return args;
}

function listArgs(query = {}) {
  const args = { page: { page: query.page ?? 1, page_size: query.pageSize ?? 50 } };
  const names = { actorId: 'actor_id', action: 'action', resourceType: 'resource_type', resourceId: 'resource_id' };
  for (const [key, wire] of Object.entries(names)) if (query[key] !== undefined) args[wire] = query[key];
  if (query.outcome !== undefined) args.outcome = checkOutcome(query.outcome);
  if (query.since !== undefined) args.since = toRfc3339(query.since, 'since');
  if (query.until !== undefined) args.until = toRfc3339(query.until, 'until');
  return args;
}

/** Appends to, lists and verifies one scope's hash-chained audit log. */
class AuditClient {
  constructor(scope) {
    this._scope = scope;
  }

  /** Appends a record (metadata is redacted before storage). */
  async record(entry) {
    return recordFromJson(await this._scope._callAsync('audit.record', recordArgs(entry)));
  }

  /** Synchronous {@link record}. */
  recordSync(entry) {
    return recordFromJson(this._scope._call('audit.record', recordArgs(entry)));
  }

  /** Lists records matching every given filter, in sequence order. */
  async list(query) {
    return pageFromJson(await this._scope._callAsync('audit.list', listArgs(query)), recordFromJson);
  }

  /** Synchronous {@link list}. */
  listSync(query) {
    return pageFromJson(this._scope._call('audit.list', listArgs(query)), recordFromJson);
  }

  /** Recomputes the hash chain; reports the first broken sequence number. */
  async verify() {
    return reportFromJson(await this._scope._callAsync('audit.verify', {}));
  }

  /** Synchronous {@link verify}. */
  verifySync() {
    return reportFromJson(this._scope._call('audit.verify', {}));
  }
}

module.exports = { AuditClient };
