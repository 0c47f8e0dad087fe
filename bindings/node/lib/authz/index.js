'use strict';
// Authorization (issue 6; spec 000 `authorization`).
const { AuthzClient } = require('./client');

module.exports = { AuthzClient };
