import { describe, expect, it } from "vitest";
import { systemActor } from "../../auth/actor";
import { useTestDatabase } from "../../testing/test-db";
import { recordAudit } from "./record-audit";
import { verifyAuditChain } from "./verify-audit-chain";

const t = useTestDatabase();
const ctx = { actor: systemActor("test"), source: "CLI" as const, requestId: "req-1" };

async function writeEntries(n: number) {
  for (let i = 0; i < n; i++) {
    await t.db.$transaction((tx) => recordAudit(tx, ctx, { action: "advertiser.created", entityId: `adv-${i}`, after: { name: `Advertiser ${i}`, n: i } }));
  }
}

describe("audit chain on the database", () => {
  it("verifies an intact chain", async () => {
    await writeEntries(5);
    const report = await verifyAuditChain(t.db, 2);
    expect(report).toMatchObject({ ok: true, checked: 5, brokenAt: null });
  });

  it("refuses UPDATE, DELETE and TRUNCATE from the application", async () => {
    await expect(t.db.$executeRawUnsafe(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRawUnsafe(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRawUnsafe(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it("serialises concurrent writers into one unbroken chain", async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => t.db.$transaction((tx) => recordAudit(tx, ctx, { action: "user.created", entityId: `u-${i}` }))));
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("reports the first tampered row (tampered by superuser SQL, bypassing the trigger)", async () => {
    const admin = await t.admin();
    try {
      const { rows } = await admin.query(`SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 2`);
      const tamperedId = String(rows[0].id);
      await admin.query(`SET session_replication_role = replica`);
      await admin.query(`UPDATE audit_log SET after = '{"name":"Evil Corp"}' WHERE id = $1`, [tamperedId]);
      await admin.query(`SET session_replication_role = origin`);
      const report = await verifyAuditChain(t.db, 2);
      expect(report.ok).toBe(false);
      expect(report.brokenAt).toMatchObject({ id: tamperedId, reason: "CONTENT_HASH_MISMATCH" });
      expect(report.checked).toBe(2);
    } finally {
      await admin.end();
    }
  });
});
