'use strict';
// Shared Platform Core for Node.js.
const errors = require('./errors');
const { Engine, TenantScope, PLATFORM_SCOPE } = require('./engine');
const { AuditClient } = require('./audit');
const { version } = require('../native/native.js');

module.exports = { Engine, TenantScope, AuditClient, PLATFORM_SCOPE, version, ...errors };
