// Redaction from TypeScript, type-checked with `tsc --strict --noEmit` in CI: typed policies (the
// operator is a discriminated union), the hot path, findings, and pino / winston integrations.
import { pino } from 'pino';
import winston = require('winston');
import {
  Engine,
  InvalidPatternError,
  pinoRedaction,
  redactionFormatters,
  winstonRedaction,
  type Finding,
  type RedactedText,
  type RedactionPolicy,
  type RedactionPolicyInput,
} from 'shared-platform';

async function main(): Promise<void> {
  const engine = new Engine();
  const redaction = engine.tenant('acme').redaction;
  const input: RedactionPolicyInput = {
    operators: { CREDIT_CARD: { type: 'mask', keepLast: 4 }, EMAIL_ADDRESS: 'partial' },
    customPatterns: [{ name: 'EMPLOYEE_ID', pattern: 'EMP-\\d{6}' }],
    allowList: ['ops@example.com'],
  };
  const policy: RedactionPolicy = await redaction.putPolicy(input);
  console.log(Object.keys(policy.operators));

  const line: string = redaction.redactTextSync('card 4111 1111 1111 1111 for jane@example.com');
  const out: RedactedText = redaction.redactSync('badge EMP-123456');
  const findings: readonly Finding[] = await redaction.analyze('ip 10.0.0.1');
  console.log(line, out.text, findings.map((f) => `${f.entity}@${f.charStart}`));

  try {
    redaction.putPolicySync({ customPatterns: [{ name: 'BAD', pattern: '(' }] });
  } catch (err) {
    if (err instanceof InvalidPatternError) console.log(err.field);
  }

  const logger = pino({ ...pinoRedaction(redaction) });
  logger.info({ user: 'jane@example.com' }, 'login');
  pino({ formatters: redactionFormatters(redaction) }).info('plain');
  const winstonLogger = winston.createLogger({
    format: winston.format.combine(winston.format(winstonRedaction(redaction))(), winston.format.json()),
    transports: [new winston.transports.Console()],
  });
  winstonLogger.info('card 4111 1111 1111 1111');
  engine.close();
}

void main();
