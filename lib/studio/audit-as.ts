// An audit entry for what a signed-in user just did in the studio, with the address it came from.
import "server-only";
import { type AuditEntry, recordAudit } from "@/db/queries/studio/audit";
import { clientIp } from "@/lib/auth/client-ip";
import { db } from "@/lib/database";

export async function auditAs(
  user: { id: number; email: string },
  action: AuditEntry["action"],
  target?: string,
  detail?: Record<string, unknown>,
): Promise<void> {
  recordAudit(db(), { actorId: user.id, actorEmail: user.email, action, target, detail, ip: await clientIp() });
}
