/**
 * The pages the bench loads besides the fixtures, generated into bench/out/: a city report with a long
 * appendix table, a page of 50 unrelated tables, ordinary portal pages that are not reports, report
 * pages with a 1k/10k/100k-cell appendix or table read in full (linearity), and 500 varied report pages for the CLI.
 * Deterministic: the same seed gives the same bytes.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const FIXTURES = 'tests/fixtures/pages';
export const OUT = 'bench/out';
export const SITE = join(OUT, 'site');
export const PAGES500 = join(OUT, 'pages500');

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const DISTRICTS = [
  '江岸区',
  '武昌区',
  '洪山区',
  '天河区',
  '海珠区',
  '鼓楼区',
  '秦淮区',
  '西湖区',
  '拱墅区',
  '历下区',
  '市中区',
  '雁塔区',
  '碑林区',
  '岳麓区',
  '芙蓉区',
  '思明区',
  '湖里区',
  '南明区',
  '五华区',
  '城关区',
];
const OFFICES = [
  '人民政府办公室',
  '发展和改革局',
  '教育局',
  '财政局',
  '司法局',
  '民政局',
  '自然资源和规划局',
  '住房和城乡建设局',
  '交通运输局',
  '水务局',
  '农业农村局',
  '卫生健康委员会',
  '市场监督管理局',
  '城市管理局',
  '应急管理局',
  '退役军人事务局',
];
const PERMITS = [
  '建设工程规划许可证核发',
  '食品经营许可',
  '排污许可',
  '取水许可',
  '公共场所卫生许可',
  '建筑工程施工许可证核发',
  '药品零售企业许可',
  '道路货物运输经营许可',
  '特种设备使用登记',
  '城镇污水排入排水管网许可',
  '临时占用城市道路审批',
  '户外广告设施设置审批',
  '民办学校设立审批',
  '医疗机构执业登记',
  '人力资源服务许可',
  '河道管理范围内建设项目审批',
];
const LAWS = [
  '《中华人民共和国行政许可法》',
  '《中华人民共和国食品安全法》',
  '《城镇排水与污水处理条例》',
  '《中华人民共和国水法》',
  '《公共场所卫生管理条例》',
  '《中华人民共和国建筑法》',
];
const SENTENCES = [
  '会议强调，要坚持以人民为中心的发展思想，扎实推进各项工作落地见效。',
  '近日，区政府召开专题会议，研究部署下一阶段重点工作任务。',
  '各部门要进一步压实责任，加强统筹协调，确保各项措施落实到位。',
  '据统计，今年以来全区累计完成固定资产投资同比增长百分之六点八。',
  '下一步，我们将持续优化营商环境，不断提升政务服务水平。',
  '活动现场，工作人员向群众发放宣传资料，耐心解答群众咨询。',
  '此次检查共排查隐患点位若干处，均已督促相关单位限期整改。',
  '会上，与会人员围绕议题进行了深入讨论，并提出了意见建议。',
];

/** A 行政许可事项目录 table: `rows` data rows of 8 columns under one header row. */
export function appendixTable(rows: number, seed = 1): string {
  const r = rng(seed);
  const out = [
    '<table border="1" cellspacing="0" cellpadding="4" class="appendix"><tbody>',
    '<tr><th>序号</th><th>事项名称</th><th>事项类型</th><th>实施机关</th><th>设定依据</th><th>办理时限</th><th>收费标准</th><th>备注</th></tr>',
  ];
  for (let i = 1; i <= rows; i++) {
    out.push(
      `<tr><td>${i}</td><td>${pick(r, PERMITS)}</td><td>行政许可</td><td>${pick(r, DISTRICTS)}${pick(r, OFFICES)}</td>` +
        `<td>${pick(r, LAWS)}第${1 + Math.floor(r() * 60)}条</td><td>${5 + Math.floor(r() * 30)}个工作日</td><td>不收费</td><td>${r() < 0.2 ? '可网上办理' : ''}</td></tr>`,
    );
  }
  out.push('</tbody></table>');
  return out.join('\n');
}

/**
 * A long table the engine must read in full: its header says 表三 (申请人情况), so it is classified
 * as a part of the applications table and every row is read. `rows` rows of 8 figures.
 */
export function readTable(rows: number, seed = 1): string {
  const r = rng(seed);
  const out = [
    '<table border="1" cellspacing="0" cellpadding="4" class="appendix"><tbody>',
    '<tr><th>申请人情况</th><th>自然人</th><th>商业企业</th><th>科研机构</th><th>社会公益组织</th><th>法律服务机构</th><th>其他</th><th>总计</th></tr>',
  ];
  for (let i = 1; i <= rows; i++)
    out.push(`<tr><td>第${i}项</td>${Array.from({ length: 7 }, () => `<td>${Math.floor(r() * 50)}</td>`).join('')}</tr>`);
  out.push('</tbody></table>');
  return out.join('\n');
}

/** Put `extra` at the end of the page's article (before the footer when there is one). */
export function appendToArticle(html: string, extra: string): string {
  const block = `<div class="appendix-block"><p><strong>附件：${'行政许可事项目录'}</strong></p>\n${extra}\n</div>\n`;
  const at = html.search(/<div class="footer"/);
  if (at >= 0) return html.slice(0, at) + block + html.slice(at);
  const end = html.lastIndexOf('</body>');
  return end >= 0 ? html.slice(0, end) + block + html.slice(end) : html + block;
}

function shell(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:14px/1.8 sans-serif;margin:0}.wrap{width:1200px;margin:0 auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}</style>
<script>window.siteConfig={columnId:"x"};</script>
</head><body><div class="wrap">
<div class="header"><div class="logo">某某市人民政府</div></div>
<div class="nav"><ul><li><a href="#">首页</a></li><li><a href="#">政务公开</a></li><li><a href="#">政府信息公开年报</a></li><li><a href="#">政务服务</a></li><li><a href="#">互动交流</a></li></ul></div>
${body}
<div class="footer"><p>主办：某某市人民政府办公室 备案号：某ICP备00000000号</p></div>
</div></body></html>
`;
}

/** A page of 50 unrelated tables (duty rosters, procurement lists, budgets, contacts). */
export function fiftyTables(seed = 2): string {
  const r = rng(seed);
  const kinds = [
    { caption: '值班安排表', head: ['日期', '带班领导', '值班人员', '联系电话', '备注'] },
    { caption: '政府采购意向公开', head: ['采购项目名称', '采购需求概况', '预算金额（万元）', '预计采购时间', '备注'] },
    { caption: '部门预算收支总表', head: ['项目', '年初预算数', '调整预算数', '决算数', '完成率'] },
    { caption: '办事窗口联系方式', head: ['窗口名称', '办公地址', '咨询电话', '办公时间', '收费情况'] },
    { caption: '会议日程安排', head: ['时间', '地点', '议题', '参会人员', '承办单位'] },
  ];
  const parts: string[] = ['<div class="main"><h1 class="title">2024年第三季度工作安排汇总</h1>'];
  for (let t = 0; t < 50; t++) {
    const k = kinds[t % kinds.length] as (typeof kinds)[number];
    parts.push(`<p>${t + 1}. ${k.caption}</p><table><tbody><tr>${k.head.map((h) => `<th>${h}</th>`).join('')}</tr>`);
    for (let i = 0; i < 10; i++) {
      const cells = k.head.map((_, c) =>
        c === 0 ? `${pick(r, DISTRICTS)}${i + 1}` : c % 2 ? String(Math.floor(r() * 100000) / 100) : pick(r, OFFICES),
      );
      parts.push(`<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`);
    }
    parts.push('</tbody></table>');
  }
  parts.push('</div>');
  return shell('2024年第三季度工作安排汇总-某某市人民政府', parts.join('\n'));
}

function paragraphs(r: () => number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`<p>${Array.from({ length: 3 + Math.floor(r() * 4) }, () => pick(r, SENTENCES)).join('')}</p>`);
  return out.join('\n');
}

/** A long news article with a sidebar of links: the commonest page on a portal. */
export function newsArticle(seed = 3): string {
  const r = rng(seed);
  const side = Array.from({ length: 60 }, (_, i) => `<li><a href="#n${i}">${pick(r, SENTENCES).slice(0, 18)}</a></li>`).join('');
  return shell(
    '区政府召开第十二次常务会议-某某市人民政府',
    `<div class="main"><div class="side"><ul>${side}</ul></div><h1>区政府召开第十二次常务会议</h1><div class="article">${paragraphs(r, 80)}</div></div>`,
  );
}

/** A portal home page: many links, a few layout tables, words like 信息公开 in the navigation. */
export function portalHome(seed = 4): string {
  const r = rng(seed);
  const cols = Array.from({ length: 12 }, (_, c) => {
    const items = Array.from(
      { length: 30 },
      (_, i) => `<li><a href="#c${c}-${i}">${pick(r, SENTENCES).slice(0, 20)}</a><span>2024-0${1 + (i % 9)}-1${i % 10}</span></li>`,
    );
    return `<div class="col"><h2>${pick(r, ['政务动态', '通知公告', '政策文件', '政府信息公开', '政务服务', '部门动态'])}</h2><ul>${items.join('')}</ul></div>`;
  });
  const layout = `<table width="100%"><tr><td>${cols.slice(0, 6).join('')}</td><td>${cols.slice(6).join('')}</td></tr></table>`;
  return shell('某某市人民政府门户网站', `<div class="main">${layout}</div>`);
}

/** 政府信息公开指南: talks about 申请 and 信息公开 throughout, but is not a report. */
export function disclosureGuide(seed = 5): string {
  const r = rng(seed);
  const text = [
    '<h1>某某区人民政府政府信息公开指南</h1>',
    '<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。</p>',
    '<h2>一、主动公开</h2><p>主动公开的政府信息，通过政府网站、政务新媒体、公告栏等方式公开。</p>',
    '<h2>二、依申请公开</h2><p>公民、法人或者其他组织申请获取政府信息的，可以向本机关提出申请。申请人应当填写政府信息公开申请表。</p>',
    '<table border="1"><tr><th>受理机构</th><th>办公地址</th><th>联系电话</th><th>收费标准</th></tr><tr><td>区政府办公室</td><td>某某路1号</td><td>0000-00000000</td><td>不收费</td></tr></table>',
    paragraphs(r, 30),
    '<h2>三、监督和救济</h2><p>申请人认为行政机关在政府信息公开工作中侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。</p>',
  ];
  return shell('政府信息公开指南-某某区人民政府', `<div class="main article">${text.join('\n')}</div>`);
}

/** A long listing page (5,000 entries): the cost of reading a big page's text once. */
export function bigList(seed = 6): string {
  const r = rng(seed);
  const items = Array.from(
    { length: 5000 },
    (_, i) => `<li><a href="#i${i}">${pick(r, SENTENCES)}</a><span>2023-${String(1 + (i % 12)).padStart(2, '0')}-01</span></li>`,
  );
  return shell('通知公告-某某市人民政府', `<div class="main"><ul class="list">${items.join('\n')}</ul></div>`);
}

export const NON_REPORT = ['tables-50.html', 'news-article.html', 'portal-home.html', 'disclosure-guide.html', 'big-list.html'];
export const LARGEST = 'city-appendix-1000.html';
export const LINEAR_SIZES = [0, 1_000, 10_000, 100_000];
/** The two kinds of long table: one the engine tells apart and skips, one it must read in full. */
export type LinearKind = 'skipped' | 'read';
export const linearPage = (cells: number, kind: LinearKind = 'skipped') =>
  cells === 0 ? 'linear-0.html' : kind === 'skipped' ? `linear-${cells}.html` : `linear-read-${cells}.html`;

/** Write bench/out/site/: the generated pages. Returns the names written. */
export async function writeSite(): Promise<string[]> {
  await mkdir(SITE, { recursive: true });
  const city = await readFile(join(FIXTURES, 'seed004-word.html'), 'utf8');
  const base = await readFile(join(FIXTURES, 'seed000-plain.html'), 'utf8');
  const pages: Record<string, string> = {
    [LARGEST]: appendToArticle(city, appendixTable(1000)),
    'tables-50.html': fiftyTables(),
    'news-article.html': newsArticle(),
    'portal-home.html': portalHome(),
    'disclosure-guide.html': disclosureGuide(),
    'big-list.html': bigList(),
  };
  for (const cells of LINEAR_SIZES) {
    pages[linearPage(cells)] = cells ? appendToArticle(base, appendixTable(cells / 8, cells)) : base;
    if (cells) pages[linearPage(cells, 'read')] = appendToArticle(base, readTable(cells / 8, cells));
  }
  for (const [name, html] of Object.entries(pages)) await writeFile(join(SITE, name), html);
  return Object.keys(pages);
}

interface ManifestEntry {
  file: string;
  agency?: string;
  encoding?: string;
}

/** 500 report pages for the CLI: fixtures copied round-robin, each under a different agency's name. */
export async function writePages500(count = 500): Promise<number> {
  await rm(PAGES500, { recursive: true, force: true });
  await mkdir(PAGES500, { recursive: true });
  const manifest: ManifestEntry[] = JSON.parse(await readFile(join(FIXTURES, 'manifest.json'), 'utf8').catch(() => '[]'));
  const byFile = new Map(manifest.map((m) => [m.file, m]));
  // The inner page of a frameset is not a page a user saves on its own.
  const files = (await readdir(FIXTURES)).filter((f) => /\.html?$/.test(f) && !/-inner\.html$/.test(f)).sort();
  const r = rng(7);
  for (let i = 0; i < count; i++) {
    const file = files[i % files.length] as string;
    const bytes = await readFile(join(FIXTURES, file));
    const entry = byFile.get(file);
    const name = `${String(i).padStart(3, '0')}-${file}`;
    if (entry?.agency && (entry.encoding ?? 'utf-8') === 'utf-8') {
      const agency = `${pick(r, DISTRICTS)}${pick(r, OFFICES)}${i}`;
      await writeFile(join(PAGES500, name), bytes.toString('utf8').split(entry.agency).join(agency));
    } else await writeFile(join(PAGES500, name), bytes);
  }
  return count;
}

export async function fixturePages(): Promise<string[]> {
  return (await readdir(FIXTURES)).filter((f) => /\.html?$/.test(f)).sort();
}
