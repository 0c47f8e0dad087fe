// The README's Node quick start, run as written (ESM, top-level await) in CI.
import { Engine, InvalidTenantError } from 'shared-platform';

const engine = new Engine(); // zero-config: SQLite + hot state in memory
const acme = engine.tenant('acme');
const record = await acme.audit.record({ actorId: 'alice', action: 'doc.read', resourceType: 'doc', resourceId: 'd1' });
console.log(record.seq, (await acme.audit.verify()).valid);
try {
  engine.tenant('not a tenant!');
} catch (err) {
  if (err instanceof InvalidTenantError) console.log(err.code, err.field);
}
engine.close();
