// Writes lib/text/t2s.data.ts, the traditional→simplified table, from OpenCC's dictionaries
// (scripts/t2s/generate.ts says how). Run after changing a pattern or label in lib/; a test fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_FILE, QUICK_FILE, quickWordsFile, ROOT, t2sData, t2sDataFile } from './t2s/generate';

const data = t2sData();
writeFileSync(join(ROOT, DATA_FILE), t2sDataFile(data));
writeFileSync(join(ROOT, QUICK_FILE), await quickWordsFile());
process.stdout.write(`${QUICK_FILE}: the first look's words\n`);
process.stdout.write(`${DATA_FILE}: ${data.pairs.length} characters, ${data.phrases.length} phrases\n`);
for (const l of data.traditionalInLib) process.stdout.write(`  a traditional character written by hand in ${l.file}: ${l.text}\n`);
