import type { Grid } from '../grid/grid';
import { labelCore, norm } from '../text/normalize';
import { eitherScript } from '../text/t2s';
import { findDef, T2_COLUMNS, T2_ROWS, T3_ROWS, T4_COLUMNS } from './labels';

export type TableKind = 'activeDisclosure' | 'applications' | 'reviewLitigation';

/** Longer than this, a cell is prose (a layout table's article text), never a label. */
export const MAX_LABEL = 80;

/**
 * Cheap test on a table's raw text before its grid is built: could it be a report table at all?
 * Raw, as normalising every table's text would cost more than the test saves; either script by the
 * generated table.
 */
export const TABLE_HINT = new RegExp(eitherScript(/申请|复议|诉讼|第二十条|信息内容|规章|许可|处罚|勾稽|收费|采购|结转/.source));

const FIGURE = /^[\d.,+\-%/—]*$/;
/** One test for "could this cell be any template label at all", before the per-label tests. */
const ANY_LABEL = new RegExp(
  [...T3_ROWS, ...T2_ROWS, ...T2_COLUMNS, ...T4_COLUMNS]
    .map((d) => d.match.source)
    .concat([
      '勾稽关系',
      '申请人情况',
      '行政复议',
      '行政诉讼',
      '复议',
      '第二十条',
      '信息内容',
      '不予公开',
      '无法提供',
      '不予处理',
      '其他处理',
    ])
    .join('|'),
);

/** The 表三 rows a label names by itself (「其他」 and 「总计」 are in other tables too). */
const T3_OWN_ROWS = T3_ROWS.filter((d) => d.key !== 'otherHandling.other' && d.key !== 'totalProcessed');

/** Which standard table a grid is, from the labels in it (a 表三 part without its header counts). */
export function classify(grid: Grid): TableKind | null {
  let t3 = 0;
  let t4 = 0;
  let t2 = 0;
  let t2structure = 0;
  const seen = new Set<string>();
  for (const cell of grid.cells) {
    // A bare figure (most cells) is told from its text as it is: normalising would not change it.
    if (cell.text.length > MAX_LABEL * 2 || FIGURE.test(cell.text)) continue;
    const n = norm(cell.text);
    // Figures say nothing about which table this is, and they are most of the cells.
    if (n.length === 0 || n.length > MAX_LABEL || FIGURE.test(n)) continue;
    const core = labelCore(cell.text);
    if (!ANY_LABEL.test(core)) continue;
    if (n.includes('勾稽关系') || n === '申请人情况') t3 += 3;
    const row = findDef(T3_OWN_ROWS, core);
    if (row && !seen.has(row.key)) {
      seen.add(row.key);
      t3 += 1;
    }
    if (/^行政复议$|^行政诉讼$|未经复议|复议后起诉/.test(core)) t4 += 2;
    if (/^结果(维持|纠正)$|^尚未审结$/.test(core)) t4 += 1;
    if (/^第二十条/.test(n) || core === '信息内容') t2structure += 2;
    if (findDef(T2_COLUMNS, core) && /数量|件数|金额|增/.test(core)) t2structure += 1;
    const t2row = findDef(T2_ROWS, core);
    if (t2row && !seen.has(t2row.key)) {
      seen.add(t2row.key);
      t2 += 1;
    }
  }
  // 表二 is told by its captions and headers; a list that merely names 行政许可 a thousand times is not it.
  t2 = t2structure >= 2 ? t2 + t2structure : 0;
  const best = Math.max(t2, t3, t4);
  if (best < 3) return null;
  if (best === t3) return 'applications';
  if (best === t4) return 'reviewLitigation';
  return 'activeDisclosure';
}
