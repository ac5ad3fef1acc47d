export { listAuditLog } from "./list-audit-log.ts";
export { type AuditAction, type AuditInput, insertAudit, recordAudit } from "./record-audit.ts";
