'use strict';
// PII and secret redaction.
const { RedactionClient } = require('./client');
const { UNREDACTABLE, redactionFormatters, redactionHooks, pinoRedaction, winstonRedaction } = require('./logging');

module.exports = { RedactionClient, UNREDACTABLE, redactionFormatters, redactionHooks, pinoRedaction, winstonRedaction };
