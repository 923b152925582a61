/** CSV export: text a spreadsheet would run as a formula is neutralised; numbers stay numbers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../lib/output/csv';
import type { Cell, ReportRecord } from '../../lib/record/schema';

function recordWith(agency: string, cells: Record<string, Cell>): ReportRecord {
  return {
    schemaVersion: 1,
    source: { url: 'http://www.example.gov.cn/a.html', title: '', capturedAt: '2026-01-01T00:00:00.000Z', kind: 'html' },
    report: { isReport: true, isTemplate: false, agency, year: 2023, formatVersion: '2021' },
    tables: { applications: { newReceived: cells } },
    findings: [],
    derived: {},
  };
}

const text = (raw: string): Cell => ({ value: null, raw, kind: 'text' });

/** The data lines of the CSV, as written (not parsed back). */
const lines = (r: ReportRecord) => toCsv([r]).split('\r\n').slice(1, -1);

describe('CSV formula injection', () => {
  it('prefixes a quote and quotes every text field that starts with = + - @ tab or CR', () => {
    const r = recordWith('=HYPERLINK("http://evil","点此")', {
      naturalPerson: text('=1+1'),
      commercial: text('+SUM(A1:A9)'),
      research: text("-2+3+cmd|' /C calc'!A0"),
      publicInterest: text('@SUM(1)'),
      legalService: text('\t=1'),
      otherOrg: text('\r=1'),
      total: text('--'),
    });
    const [first] = lines(r);
    expect(first).toBe(
      `"'=HYPERLINK(""http://evil"",""点此"")",2023,http://www.example.gov.cn/a.html,applications,newReceived,一、本年新收政府信息公开申请数量,naturalPerson,自然人,,"'=1+1",text`,
    );
    expect(lines(r).map((l) => l.replace(/^.*?,newReceived,[^,]*,/, ''))).toEqual([
      `naturalPerson,自然人,,"'=1+1",text`,
      `commercial,商业企业,,"'+SUM(A1:A9)",text`,
      `research,科研机构,,"'-2+3+cmd|' /C calc'!A0",text`,
      `publicInterest,社会公益组织,,"'@SUM(1)",text`,
      `legalService,法律服务机构,,"'\t=1",text`,
      `otherOrg,其他,,"'\r=1",text`,
      `total,总计,,"'--",text`,
    ]);
  });

  it('leaves numbers as numbers, and a signed number or a lone dash in raw as it is', () => {
    const r = recordWith('南湖区人民政府办公室', {
      naturalPerson: { value: -8, raw: '-8', kind: 'number' },
      commercial: { value: 1200, raw: '+1,200', kind: 'number' },
      research: { value: null, raw: '-', kind: 'placeholder' },
      publicInterest: { value: 0.5, raw: '-0.5', kind: 'number' },
      legalService: { value: null, raw: '-8件余', kind: 'text' },
    });
    expect(lines(r).map((l) => l.replace(/^.*?,newReceived,[^,]*,/, ''))).toEqual([
      'naturalPerson,自然人,-8,-8,number',
      'commercial,商业企业,1200,"+1,200",number',
      'research,科研机构,,-,placeholder',
      'publicInterest,社会公益组织,0.5,-0.5,number',
      `legalService,法律服务机构,,"'-8件余",text`,
    ]);
  });

  it('never lets a text field read by a spreadsheet begin with a formula character, and keeps the text', () => {
    const chars = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', '1', '.', 'A', '表', ' ');
    fc.assert(
      fc.property(fc.string({ unit: chars }), (raw) => {
        const written = csvField(raw);
        // What a spreadsheet reads: the quoted field unquoted, doubled quotes single.
        const read = written.startsWith('"') ? written.slice(1, -1).replace(/""/g, '"') : written;
        if (!written.startsWith('"')) expect(written).not.toMatch(/[",\r\n]/);
        if (/^(?:[+-]\d[\d,]*(?:\.\d+)?|-)$/.test(raw)) expect(read).toBe(raw);
        else if (/^[=+\-@\t\r]/.test(raw)) expect(read).toBe(`'${raw}`);
        else expect(read).toBe(raw);
      }),
      { numRuns: 2000 },
    );
    expect(csvField(-8)).toBe('-8');
    expect(csvField(null)).toBe('');
  });
});
