/**
 * The template's rows and columns, by canonical key (format.md), with the official label and the
 * words that identify a label on a real page. Matching is on `labelCore` (normalised, numbering
 * stripped), so （一）/(一), full/half width, spaces, <br> and traditional characters do not matter.
 */
export interface LabelDef {
  key: string;
  label: string;
  /** The row or column is recognised when its normalised label matches. */
  match: RegExp;
}

// ——— 表三 (applications) ———

export const T3_COLUMNS: LabelDef[] = [
  { key: 'naturalPerson', label: '自然人', match: /^自然人$/ },
  { key: 'commercial', label: '商业企业', match: /^商业企业$|^企业$/ },
  { key: 'research', label: '科研机构', match: /^科研机构$/ },
  { key: 'publicInterest', label: '社会公益组织', match: /^社会公益组织$|公益组织/ },
  { key: 'legalService', label: '法律服务机构', match: /^法律服务机构$|法律服务/ },
  { key: 'otherOrg', label: '其他', match: /^其他$|^其他组织$/ },
  { key: 'total', label: '总计', match: /^(?:总计|合计|总数)$/ },
];

/** Groups of result rows; an item row is recognised by its own words, the group by its header. */
export const T3_GROUPS: { key: string; label: string; match: RegExp }[] = [
  { key: 'withheld', label: '（三）不予公开', match: /^不予公开$/ },
  { key: 'unable', label: '（四）无法提供', match: /^无法提供$/ },
  { key: 'notProcessed', label: '（五）不予处理', match: /^不予处理$/ },
  { key: 'otherHandling', label: '（六）其他处理', match: /^其他处理$/ },
];

export const T3_ROWS: LabelDef[] = [
  { key: 'newReceived', label: '一、本年新收政府信息公开申请数量', match: /本年新收/ },
  { key: 'carriedOver', label: '二、上年结转政府信息公开申请数量', match: /上年结转/ },
  { key: 'granted', label: '（一）予以公开', match: /^予以公开$/ },
  { key: 'partiallyGranted', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', match: /^部分公开/ },
  { key: 'withheld.stateSecret', label: '1.属于国家秘密', match: /国家秘密/ },
  { key: 'withheld.lawProhibited', label: '2.其他法律行政法规禁止公开', match: /法律行政法规禁止/ },
  { key: 'withheld.securityStability', label: '3.危及“三安全一稳定”', match: /三安全一稳定/ },
  { key: 'withheld.thirdParty', label: '4.保护第三方合法权益', match: /第三方合法权益/ },
  { key: 'withheld.internalAffairs', label: '5.属于三类内部事务信息', match: /内部事务/ },
  { key: 'withheld.processInfo', label: '6.属于四类过程性信息', match: /过程性信息/ },
  { key: 'withheld.enforcementFile', label: '7.属于行政执法案卷', match: /行政执法案卷/ },
  { key: 'withheld.adminQuery', label: '8.属于行政查询事项', match: /行政查询事项/ },
  { key: 'unable.notHeld', label: '1.本机关不掌握相关政府信息', match: /不掌握/ },
  { key: 'unable.needsCreation', label: '2.没有现成信息需要另行制作', match: /另行制作/ },
  { key: 'unable.unclear', label: '3.补正后申请内容仍不明确', match: /仍不明确/ },
  { key: 'notProcessed.complaint', label: '1.信访举报投诉类申请', match: /信访|举报投诉/ },
  { key: 'notProcessed.duplicate', label: '2.重复申请', match: /^重复申请$/ },
  { key: 'notProcessed.publication', label: '3.要求提供公开出版物', match: /公开出版物/ },
  { key: 'notProcessed.excessive', label: '4.无正当理由大量反复申请', match: /大量反复/ },
  { key: 'notProcessed.confirmation', label: '5.要求行政机关确认或重新出具已获取信息', match: /确认或重新出具/ },
  {
    key: 'otherHandling.overdueCorrection',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    match: /逾期不补正/,
  },
  {
    key: 'otherHandling.overdueFee',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    match: /缴纳费用|收费通知/,
  },
  { key: 'otherHandling.other', label: '3.其他', match: /^其他$/ },
  { key: 'otherHandling', label: '（六）其他处理', match: /^其他处理$/ },
  { key: 'totalProcessed', label: '（七）总计', match: /^(?:总计|合计)$/ },
  { key: 'carriedForward', label: '四、结转下年度继续办理', match: /结转下年|结转至下年|转入下年/ },
];

/** Row keys of each format version, in template order. */
export const T3_ROW_KEYS = {
  '2021': T3_ROWS.filter((r) => r.key !== 'otherHandling').map((r) => r.key),
  '2019': T3_ROWS.filter((r) => !r.key.startsWith('otherHandling.')).map((r) => r.key),
} as const;

// ——— 表四 (reviewLitigation) ———

export const T4_GROUPS: LabelDef[] = [
  { key: 'review', label: '行政复议', match: /^行政复议$/ },
  { key: 'litigationDirect', label: '行政诉讼 · 未经复议直接起诉', match: /未经复议/ },
  { key: 'litigationAfterReview', label: '行政诉讼 · 复议后起诉', match: /复议后起诉/ },
];

export const T4_COLUMNS: LabelDef[] = [
  { key: 'upheld', label: '结果维持', match: /维持/ },
  { key: 'corrected', label: '结果纠正', match: /纠正/ },
  { key: 'other', label: '其他结果', match: /^其他/ },
  { key: 'pending', label: '尚未审结', match: /尚未|审结/ },
  { key: 'total', label: '总计', match: /^(?:总计|合计)$/ },
];

// ——— 表二 (activeDisclosure) ———

export const T2_ROWS: LabelDef[] = [
  { key: 'regulations', label: '规章', match: /^规章$/ },
  { key: 'normativeDocuments', label: '行政规范性文件', match: /规范性文件$/ },
  { key: 'licensing', label: '行政许可', match: /^行政许可$/ },
  { key: 'otherServices', label: '其他对外管理服务事项', match: /对外管理服务/ },
  { key: 'punishment', label: '行政处罚', match: /^行政处罚$/ },
  { key: 'coercion', label: '行政强制', match: /^行政强制$/ },
  { key: 'fees', label: '行政事业性收费', match: /行政事业性收费/ },
  { key: 'procurement', label: '政府集中采购', match: /集中采购/ },
];

export interface T2Column extends LabelDef {
  version: '2019' | '2021' | 'both';
  negative?: boolean;
  decimal?: boolean;
}

export const T2_COLUMNS: T2Column[] = [
  { key: 'issued', label: '本年制发件数', match: /制发/, version: '2021' },
  { key: 'repealed', label: '本年废止件数', match: /废止/, version: '2021' },
  { key: 'inForce', label: '现行有效件数', match: /现行有效/, version: '2021' },
  { key: 'newlyMade', label: '本年新制作数量', match: /新制作/, version: '2019' },
  { key: 'newlyPublished', label: '本年新公开数量', match: /新公开/, version: '2019' },
  { key: 'totalPublished', label: '对外公开总数量', match: /对外公开总/, version: '2019' },
  { key: 'previousItems', label: '上一年项目数量', match: /上一年项目/, version: '2019' },
  { key: 'change', label: '本年增/减', match: /增\/?减|增减/, version: '2019', negative: true },
  { key: 'decisions', label: '本年处理决定数量', match: /处理决定/, version: 'both' },
  { key: 'amount', label: '本年收费金额（单位：万元）', match: /收费金额|采购总金额|总金额/, version: 'both', decimal: true },
  { key: 'projects', label: '采购项目数量', match: /采购项目/, version: '2019' },
];

/** Which T2 columns each row has in each version (format.md), for format.labels. */
export const T2_TEMPLATE = {
  '2021': {
    regulations: ['issued', 'repealed', 'inForce'],
    normativeDocuments: ['issued', 'repealed', 'inForce'],
    licensing: ['decisions'],
    punishment: ['decisions'],
    coercion: ['decisions'],
    fees: ['amount'],
  },
  '2019': {
    regulations: ['newlyMade', 'newlyPublished', 'totalPublished'],
    normativeDocuments: ['newlyMade', 'newlyPublished', 'totalPublished'],
    licensing: ['previousItems', 'change', 'decisions'],
    otherServices: ['previousItems', 'change', 'decisions'],
    punishment: ['previousItems', 'change', 'decisions'],
    coercion: ['previousItems', 'change', 'decisions'],
    fees: ['previousItems', 'change'],
    procurement: ['projects', 'amount'],
  },
} as const satisfies Record<'2019' | '2021', Record<string, readonly string[]>>;

const unions = new WeakMap<readonly LabelDef[], RegExp>();

/**
 * One pattern matching wherever any of `defs` matches (their union: none has flags). Most cells name
 * none of a list's labels, and one test says so where trying each label would take a test per label.
 */
function unionOf(defs: readonly LabelDef[]): RegExp {
  let re = unions.get(defs);
  if (!re) {
    re = defs.every((d) => d.match.flags === '') ? new RegExp(defs.map((d) => `(?:${d.match.source})`).join('|')) : /(?:)/;
    unions.set(defs, re);
  }
  return re;
}

/** The first of `defs` whose pattern matches the label's core. */
export function findDef<T extends LabelDef>(defs: readonly T[], core: string): T | undefined {
  if (!unionOf(defs).test(core)) return undefined;
  for (const d of defs) if (d.match.test(core)) return d;
  return undefined;
}

const labelMaps = new WeakMap<readonly LabelDef[], Map<string, string>>();

export function labelOf(defs: readonly LabelDef[], key: string): string {
  let map = labelMaps.get(defs);
  if (!map) {
    map = new Map(defs.map((d) => [d.key, d.label]));
    labelMaps.set(defs, map);
  }
  return map.get(key) ?? key;
}
