// Writes schema/report-record.schema.json from the Zod schema. A test fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { reportRecordJsonSchema } from '../lib/output';

writeFileSync(new URL('../schema/report-record.schema.json', import.meta.url), `${JSON.stringify(reportRecordJsonSchema(), null, 2)}\n`);
