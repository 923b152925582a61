import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportRecordJsonSchema } from '../../lib/record/jsonSchema';

describe('JSON Schema', () => {
  it('the shipped schema file is the one generated from the Zod schema (npm run schema)', () => {
    const shipped = JSON.parse(readFileSync(new URL('../../schema/report-record.schema.json', import.meta.url), 'utf8'));
    expect(shipped).toEqual(reportRecordJsonSchema());
  });
});
