/**
 * Saving what can be saved of a record that fails the schema: the parts that do not validate (a
 * finding whose number came through as null, a cell with a broken value) are cut off one at a time,
 * the smallest part first, until the rest validates. What the record cannot do without (its address,
 * its date, its report block) is never cut: then nothing is saved and the whole is set aside. Pure.
 */
import type { z } from 'zod';
import { ReportRecord } from '@/lib';

export type Salvaged = { ok: true; record: ReportRecord; dropped: string[] } | { ok: false; reason: string };

/** Top-level fields a record cannot lack (cutting one would not leave a record). */
const REQUIRED_TOP = new Set(['schemaVersion', 'source', 'report', 'tables', 'findings', 'derived']);
/** More cuts than this and the value is too far from a record to call what is left the same record. */
const MAX_CUTS = 200;

type Path = readonly PropertyKey[];
const pathText = (p: Path): string => p.map(String).join('.') || '(root)';
const issueText = (i: z.core.$ZodIssue): string => `${pathText(i.path)}: ${i.message}`;

function parentOf(root: unknown, path: Path): unknown {
  let node = root;
  for (const k of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[k];
  }
  return node;
}

/** A copy to cut from, so the original stays whole for the note set aside. */
function copyOf(raw: unknown): unknown {
  try {
    return structuredClone(raw);
  } catch {
    return JSON.parse(JSON.stringify(raw ?? null));
  }
}

export function salvage(raw: unknown): Salvaged {
  const first = ReportRecord.safeParse(raw);
  if (first.success) return { ok: true, record: first.data, dropped: [] };
  if (typeof raw !== 'object' || raw === null) return { ok: false, reason: issueText(first.error.issues[0] as z.core.$ZodIssue) };
  const value = copyOf(raw);
  // What was cut, by path: cutting a part replaces the notes on what was cut inside it.
  const dropped = new Map<string, string>();
  // Properties already cut: failing there again means the property is required, so cut its parent.
  const cut = new Set<string>();
  let error = first.error;
  for (let n = 0; n < MAX_CUTS; n++) {
    const issue = error.issues[0] as z.core.$ZodIssue;
    let path: Path = issue.path;
    // Up past what was cut already, or is not there at all (a required part missing: its parent goes).
    for (;;) {
      const parent = parentOf(value, path);
      const key = path[path.length - 1] as PropertyKey;
      const there = typeof parent === 'object' && parent !== null && Object.hasOwn(parent, key);
      if (path.length && (cut.has(pathText(path)) || !there)) path = path.slice(0, -1);
      else break;
    }
    if (path.length === 0 || (path.length === 1 && REQUIRED_TOP.has(String(path[0])))) {
      return { ok: false, reason: issueText(issue) };
    }
    const parent = parentOf(value, path) as Record<PropertyKey, unknown> | unknown[];
    const key = path[path.length - 1] as PropertyKey;
    const at = pathText(path);
    if (Array.isArray(parent) && typeof key === 'number') {
      // An element of a list (a finding, a cell reference): the list stays a list without it.
      parent.splice(key, 1);
    } else {
      delete (parent as Record<PropertyKey, unknown>)[key];
      cut.add(at);
    }
    for (const k of [...dropped.keys()]) if (k.startsWith(`${at}.`)) dropped.delete(k);
    dropped.set(at, `${at}: ${issue.message}`);
    const again = ReportRecord.safeParse(value);
    if (again.success) return { ok: true, record: again.data, dropped: [...dropped.values()] };
    error = again.error;
  }
  return {
    ok: false,
    reason: `more than ${MAX_CUTS} parts do not validate; first: ${issueText(first.error.issues[0] as z.core.$ZodIssue)}`,
  };
}
