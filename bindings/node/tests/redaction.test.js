'use strict';
// Redaction from Node: the native hot path, typed policies, JSON, tenant isolation, and real pino
// and winston loggers writing through the integrations.
const test = require('node:test');
const assert = require('node:assert/strict');
const { Writable } = require('node:stream');
const pino = require('pino');
const winston = require('winston');
const sp = require('../lib');

const CARD = '4111 1111 1111 1111';
const engine = () => new sp.Engine();

/** A stream collecting what a logger writes. */
function sink() {
  const chunks = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean) };
}

test('redactTextSync is the plain hot path and returns the same string when clean', async () => {
  const redaction = engine().tenant('acme').redaction;
  assert.equal(redaction.redactTextSync(`card ${CARD} for jane@example.com`), 'card [REDACTED] for [REDACTED]');
  const clean = 'nothing to see here';
  assert.equal(redaction.redactTextSync(clean), clean);
  assert.equal(await redaction.redactText('ip 10.0.0.1'), 'ip [REDACTED]');
  assert.equal(await redaction.redactText(clean), clean);
  assert.throws(() => redaction.redactTextSync(42), TypeError);
});

test('redact and analyze return frozen findings with byte and code point offsets', async () => {
  const redaction = engine().tenant('acme').redaction;
  const text = 'émail: jane@example.com';
  const out = redaction.redactSync(text);
  assert.equal(out.text, 'émail: [REDACTED]');
  assert.deepEqual(out.findings, [{ entity: 'EMAIL_ADDRESS', start: 8, end: 24, charStart: 7, charEnd: 23, score: 1 }]);
  assert.ok(Object.isFrozen(out) && Object.isFrozen(out.findings) && Object.isFrozen(out.findings[0]));
  const f = out.findings[0];
  assert.equal(text.slice(f.charStart, f.charEnd), 'jane@example.com');
  assert.deepEqual(await redaction.redact(text), out);
  assert.equal(redaction.redactSync('clean').text, 'clean');
  const found = redaction.analyzeSync(`token ghp_${'a'.repeat(36)} from 192.168.1.20`);
  assert.deepEqual(found.map((x) => x.entity), ['GITHUB_TOKEN', 'IP_ADDRESS']);
  assert.deepEqual(await redaction.analyze('version 1.2.3.4.5, order 4111111111111112'), []);
});

test('policies: operators, allow-list, round trip, delete', async () => {
  const redaction = engine().tenant('acme').redaction;
  assert.throws(() => redaction.getPolicySync(), sp.RedactionPolicyNotFoundError);
  const stored = redaction.putPolicySync({
    operators: {
      CREDIT_CARD: { type: 'mask', keepLast: 4 },
      EMAIL_ADDRESS: 'partial',
      IP_ADDRESS: { type: 'drop' },
      US_SSN: { type: 'replace', value: null },
    },
    allowList: ['ops@example.com'],
    minScore: 0.6,
  });
  assert.deepEqual(stored.operators.EMAIL_ADDRESS, { type: 'partial', keepFirst: 1, keepLast: 0 });
  assert.deepEqual(stored.operators.CREDIT_CARD, { type: 'mask', keepLast: 4, maskChar: '*' });
  assert.deepEqual(redaction.getPolicySync(), stored);
  assert.deepEqual(stored.allowList, ['ops@example.com']);
  const out = redaction.redactTextSync(`${CARD} jane@example.com ops@example.com 10.0.0.1 ssn 536-22-0987`);
  assert.equal(out, '**** **** **** 1111 j***@example.com ops@example.com  ssn <US_SSN>');
  assert.equal((await redaction.effectivePolicy()).minScore, 0.6);
  await redaction.deletePolicy();
  await assert.rejects(redaction.deletePolicy(), sp.RedactionPolicyNotFoundError);
  assert.equal(redaction.redactTextSync(CARD), '[REDACTED]');
});

test('a custom pattern applies to its tenant only; hash pseudonyms differ by tenant', async () => {
  const e = engine();
  const acme = e.tenant('acme').redaction;
  const globex = e.tenant('globex').redaction;
  await acme.putPolicy({ customPatterns: [{ name: 'EMPLOYEE_ID', pattern: 'EMP-\\d{6}' }], defaultOperator: 'hash' });
  globex.putPolicySync({ defaultOperator: { type: 'hash' } });
  assert.deepEqual(acme.analyzeSync('badge EMP-123456').map((f) => f.entity), ['EMPLOYEE_ID']);
  assert.deepEqual(globex.analyzeSync('badge EMP-123456'), []);
  const pseudonym = acme.redactTextSync('jane@example.com');
  assert.match(pseudonym, /^<EMAIL_ADDRESS_[0-9a-f]{16}>$/);
  assert.equal(acme.redactTextSync('jane@example.com'), pseudonym);
  assert.notEqual(globex.redactTextSync('jane@example.com'), pseudonym);
});

test('invalid policies and inputs throw typed errors naming the field', async () => {
  const redaction = engine().tenant('acme').redaction;
  const bad = { customPatterns: [{ name: 'OK', pattern: 'a' }, { name: 'BAD', pattern: '(' }] };
  assert.throws(() => redaction.putPolicySync(bad), (err) => {
    assert.ok(err instanceof sp.InvalidPatternError && err instanceof sp.ValidationError);
    assert.equal(err.field, 'custom_patterns[1].pattern');
    assert.match(err.message, /BAD/);
    return true;
  });
  await assert.rejects(redaction.putPolicy({ customPatterns: [{ name: 'LOOK', pattern: '(?=a)' }] }), sp.InvalidPatternError);
  assert.throws(() => redaction.putPolicySync({ minScore: 2 }), (err) => err instanceof sp.ValidationError && err.field === 'min_score');
  assert.throws(() => redaction.putPolicySync({ defaultOperator: 'scramble' }), TypeError);
  redaction.putPolicySync({ maxInputBytes: 16, maxDepth: 2 });
  assert.throws(() => redaction.redactTextSync('x'.repeat(17)), (err) => err instanceof sp.InputTooLargeError && err.field === 'text');
  await assert.rejects(redaction.analyze('x'.repeat(17)), sp.InputTooLargeError);
  assert.throws(() => redaction.redactJsonSync({ a: { b: { c: 1 } } }), sp.NestingTooDeepError);
});

test('redactJson redacts by field name and content', async () => {
  const redaction = engine().tenant('acme').redaction;
  const doc = { user: { password: 'hunter2', note: 'mail jane@example.com' }, ids: [1, '10.0.0.1'] };
  const out = await redaction.redactJson(doc);
  assert.deepEqual(out.value, { user: { password: '[REDACTED]', note: 'mail [REDACTED]' }, ids: [1, '[REDACTED]'] });
  const byPath = Object.fromEntries(out.findings.map((f) => [f.path, f.finding]));
  assert.deepEqual(Object.keys(byPath).sort(), ['/ids/1', '/user/note', '/user/password']);
  assert.deepEqual([byPath['/user/password'].entity, byPath['/user/note'].entity], ['SENSITIVE_FIELD', 'EMAIL_ADDRESS']);
  assert.equal(byPath['/user/note'].charStart, 5);
  assert.deepEqual(redaction.redactJsonSync(doc), out);
  assert.equal(doc.user.password, 'hunter2');
});

test('pino: formatters and hooks redact messages, objects and serialized errors', () => {
  const e = engine();
  const redaction = e.tenant('acme').redaction;
  redaction.putPolicySync({ customPatterns: [{ name: 'ORDER', pattern: 'ORD-\\d+' }] });
  const out = sink();
  const logger = pino({ base: undefined, timestamp: false, ...sp.pinoRedaction(redaction) }, out.stream);
  logger.info({ user: { email: 'jane@example.com', password: 'hunter2' }, ip: '10.0.0.1' }, 'login from %s', '192.168.1.20');
  logger.error(new Error('charge failed for ORD-991 (card 4111111111111111)'));
  logger.child({ requestId: 'r1', apiKey: 'AKIAABCDEFGHIJKLMNOP' }).warn('plain message');
  const [first, second, third] = out.lines().map((line) => JSON.parse(line));
  assert.deepEqual(first, {
    level: 30,
    user: { email: '[REDACTED]', password: '[REDACTED]' },
    ip: '[REDACTED]',
    msg: 'login from [REDACTED]',
  });
  assert.equal(second.msg, 'charge failed for [REDACTED] (card [REDACTED])');
  assert.equal(second.err.type, 'Error');
  assert.ok(!second.err.stack.includes('ORD-991') && !second.err.stack.includes('4111'));
  assert.deepEqual(third, { level: 40, requestId: 'r1', apiKey: '[REDACTED]', msg: 'plain message' });
});

test('pino: formatters.log alone redacts the logged object', () => {
  const redaction = engine().tenant('acme').redaction;
  const out = sink();
  const logger = pino({ base: undefined, timestamp: false, formatters: sp.redactionFormatters(redaction) }, out.stream);
  logger.info({ token: 'abc', nested: [{ mac: '00:1A:2B:3C:4D:5E' }], big: 10n }, 'kept as is');
  assert.deepEqual(JSON.parse(out.lines()[0]), {
    level: 30,
    token: '[REDACTED]',
    nested: [{ mac: '[REDACTED]' }],
    big: '10',
    msg: 'kept as is',
  });
});

test('winston: the format redacts messages, metadata and rendered output', () => {
  const redaction = engine().tenant('acme').redaction;
  const out = sink();
  const redact = winston.format(sp.winstonRedaction(redaction));
  const logger = winston.createLogger({
    format: winston.format.combine(winston.format.splat(), redact(), winston.format.json()),
    transports: [new winston.transports.Stream({ stream: out.stream })],
  });
  logger.info('card %s charged', CARD, { customer: { email: 'jane@example.com' }, secret: 's3cr3t' });
  logger.warn('all clear', { count: 3 });
  const [first, second] = out.lines().map((line) => JSON.parse(line));
  assert.deepEqual(first, {
    level: 'info',
    message: 'card [REDACTED] charged',
    customer: { email: '[REDACTED]' },
    secret: '[REDACTED]',
  });
  assert.deepEqual(second, { level: 'warn', message: 'all clear', count: 3 });

  const rendered = sink();
  const printf = winston.createLogger({
    format: winston.format.combine(winston.format.printf((info) => `${info.level}: ${info.message} ${info.ip}`), redact()),
    transports: [new winston.transports.Stream({ stream: rendered.stream })],
  });
  printf.info('from', { ip: '10.0.0.1' });
  assert.deepEqual(rendered.lines(), ['info: from [REDACTED]']);
});

test('loggers never leak what cannot be redacted', () => {
  const redaction = engine().tenant('acme').redaction;
  redaction.putPolicySync({ maxInputBytes: 24 });
  const out = sink();
  const logger = pino({ base: undefined, timestamp: false, ...sp.pinoRedaction(redaction) }, out.stream);
  logger.info('a long message about jane@example.com');
  assert.ok(!out.lines().join('\n').includes('jane@'));
  assert.deepEqual(out.lines().map((line) => JSON.parse(line).msg), [sp.UNREDACTABLE]);
  assert.throws(() => sp.winstonRedaction({}), TypeError);
});
