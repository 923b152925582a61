/** The record's JSON Schema, for schema/report-record.schema.json (`npm run schema`). */
import { z } from 'zod';
import { ReportRecord } from '../record/schema';

/** The JSON Schema of a record, generated from the Zod schema (shipped as schema/report-record.schema.json). */
export function reportRecordJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ReportRecord, { target: 'draft-2020-12' }),
    $id: 'https://nianbao.invalid/schema/report-record.schema.json',
    title: 'Nianbao Check ReportRecord',
    description: 'One government information-disclosure annual report page, read and checked (record.md).',
  };
}
