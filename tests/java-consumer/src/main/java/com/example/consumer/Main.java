package com.example.consumer;

import com.platform.sdk.Engine;
import com.platform.sdk.TenantScope;
import com.platform.sdk.audit.AuditEntry;
import com.platform.sdk.audit.AuditRecord;
import com.platform.sdk.errors.InvalidTenantException;

/** The README's Java quick start. Returns normally: the JVM must then exit on its own. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        try (Engine engine = Engine.create()) {
            TenantScope acme = engine.tenant("acme");
            AuditRecord record = acme.audit().record(AuditEntry.builder()
                    .actorId("alice").action("doc.read").resourceType("doc").resourceId("d1").build());
            boolean valid = acme.audit().verifyAsync().join().valid();
            System.out.println("seq=" + record.seq() + " valid=" + valid);
            try {
                engine.tenant("not a tenant!");
            } catch (InvalidTenantException e) {
                System.out.println("rejected: " + e.getCode() + " " + e.getField().orElse("?"));
            }
        }
    }
}
