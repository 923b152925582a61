/** What kind of body publishes a report, from its name: which deadline of 条例第五十条 applies. */
import { norm } from '../text/normalize';

/**
 * `government`: a county-or-higher people's government's own report (31 March); `township`: a 乡/镇
 * government or a 街道办事处; `department`: any other administrative body, a government's office
 * included (both 31 January).
 */
export type BodyKind = 'government' | 'township' | 'department';

const TOWNSHIP = /(?:乡|镇|苏木)(?:人民)?政府$|(?:乡|镇|街道)$|街道(?:办事处|办|工委)$|办事处$/;
/** Names of a body inside or beside a government: its office, a bureau, a commission, a centre … */
const DEPARTMENT = /(?:办公厅|办公室|局|委员会|委|厅|办|中心|院|署|处|所|站|部|公司|队|会|馆|社|行|司|园|机构|管委|分局|支队|大队)$/;
const LEVEL = '(?:省|自治区|市|自治州|州|地区|盟|县|自治县|区|旗|自治旗|特区|林区)';
/** 「余杭区人民政府」, 「杭州市政府」: the government itself. */
const GOVERNMENT = new RegExp(`${LEVEL}(?:人民)?政府$`);
/** A bare place name as the title's body (「杭州市2023年政府信息公开工作年度报告」): the government's own report. */
const PLACE = new RegExp(`^[\\u4e00-\\u9fff]{1,12}${LEVEL}$`);
/** Zones run by a 管委会 (a body sent out by a government, not a government): cannot be told from the name. */
const ZONE = /(?:开发区|高新区|园区|示范区|试验区|保税区|合作区|功能区|景区|实验区)$/;

export function bodyKind(agency: string | undefined): BodyKind | undefined {
  if (!agency) return undefined;
  const n = norm(agency).replace(/[()（）]/g, '');
  if (!n) return undefined;
  if (TOWNSHIP.test(n)) return 'township';
  if (GOVERNMENT.test(n)) return 'government';
  if (ZONE.test(n)) return undefined;
  if (DEPARTMENT.test(n)) return 'department';
  if (PLACE.test(n)) return 'government';
  return undefined;
}

/** The last day to publish a report of `year` (条例第五十条), `YYYY-MM-DD`. */
export function deadlineOf(kind: BodyKind, year: number): string {
  return kind === 'government' ? `${year + 1}-03-31` : `${year + 1}-01-31`;
}
