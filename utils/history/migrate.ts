/** Reading a stored value as a record of the current schema (its tables in the template's order), or saying why it cannot be. Pure. */
import type { z } from 'zod';
import { ReportRecord, SCHEMA_VERSION } from '@/lib';
import { tablesInOrder } from '@/lib/record/order';

export type Migrated = { ok: true; record: ReportRecord } | { ok: false; reason: string };

/**
 * Bring a stored value to the current schema. Version 1 is the only one so far; a value from a
 * newer version (an older extension reading a newer profile) is set aside rather than guessed at.
 */
export function migrate(raw: unknown): Migrated {
  if (typeof raw !== 'object' || raw === null) return { ok: false, reason: `not an object (${raw === null ? 'null' : typeof raw})` };
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version === 'number' && version > SCHEMA_VERSION) {
    return { ok: false, reason: `schemaVersion ${version} is newer than this extension understands (${SCHEMA_VERSION})` };
  }
  const parsed = ReportRecord.safeParse(raw);
  // Storage hands objects back with their keys sorted: the tables go back to the template's order.
  if (parsed.success) return { ok: true, record: { ...parsed.data, tables: tablesInOrder(parsed.data) } };
  return { ok: false, reason: describeIssues(parsed.error) };
}

/** The first few problems of a failed parse, in one line. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}
