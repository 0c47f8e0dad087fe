'use strict';
// Shared Platform Core for Node.js. (Literal re-exports so ESM `import { … }` sees every name.)
const { Engine, TenantScope, PLATFORM_SCOPE } = require('./engine');
const { AuditClient } = require('./audit');
const { version } = require('../native/native.js');

module.exports = { Engine, TenantScope, AuditClient, PLATFORM_SCOPE, version, ...require('./errors') };
