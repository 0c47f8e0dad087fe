// The README's TypeScript quick start; type-checked with `tsc --strict --noEmit` in CI.
import { Engine, InvalidTenantError, type AuditRecord, type VerifyReport } from 'shared-platform';

async function main(): Promise<void> {
  const engine = new Engine(); // zero-config: SQLite + hot state in memory
  const acme = engine.tenant('acme');
  const record: AuditRecord = await acme.audit.record({ actorId: 'alice', action: 'doc.read', resourceType: 'doc', resourceId: 'd1' });
  const report: VerifyReport = await acme.audit.verify();
  console.log(record.seq, record.hash.slice(0, 12), report.valid);
  try {
    engine.tenant('not a tenant!');
  } catch (err) {
    if (err instanceof InvalidTenantError) console.log(err.code, err.field);
  }
  engine.close();
}

void main();
