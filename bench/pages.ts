/**
 * The pages the bench loads besides the fixtures, generated into bench/out/ (deterministic: the
 * same seed gives the same bytes): the largest report (a city report with a 1,000-row appendix),
 * portal pages that are not reports, and report pages for the command line under many agencies' names.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const FIXTURES = 'tests/fixtures/pages';
export const OUT = 'bench/out';
export const SITE = join(OUT, 'site');
export const CLI_PAGES = join(OUT, 'cli-pages');

export const LARGEST = 'city-appendix-1000.html';
/** An ordinary report page (~300 cells): what most report pages are. */
export const ORDINARY = 'seed000-plain.html';
export const NON_REPORT = ['tables-50.html', 'news-article.html', 'portal-home.html', 'disclosure-guide.html', 'big-list.html'];

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
const int = (r: () => number, n: number) => Math.floor(r() * n);

const DISTRICTS = '江岸区 武昌区 洪山区 天河区 海珠区 鼓楼区 秦淮区 西湖区 拱墅区 历下区 雁塔区 岳麓区 思明区 南明区 五华区 城关区'.split(
  ' ',
);
const OFFICES =
  '人民政府办公室 发展和改革局 教育局 财政局 司法局 民政局 自然资源和规划局 住房和城乡建设局 交通运输局 水务局 卫生健康委员会 市场监督管理局'.split(
    ' ',
  );
const PERMITS =
  '建设工程规划许可证核发 食品经营许可 排污许可 取水许可 公共场所卫生许可 建筑工程施工许可证核发 药品零售企业许可 道路货物运输经营许可 户外广告设施设置审批 医疗机构执业登记'.split(
    ' ',
  );
const LAWS =
  '《中华人民共和国行政许可法》 《中华人民共和国食品安全法》 《城镇排水与污水处理条例》 《中华人民共和国水法》 《中华人民共和国建筑法》'.split(
    ' ',
  );
const SENTENCES = [
  '会议强调，要坚持以人民为中心的发展思想，扎实推进各项工作落地见效。',
  '近日，区政府召开专题会议，研究部署下一阶段重点工作任务。',
  '各部门要进一步压实责任，加强统筹协调，确保各项措施落实到位。',
  '据统计，今年以来全区累计完成固定资产投资同比增长百分之六点八。',
  '下一步，我们将持续优化营商环境，不断提升政务服务水平。',
  '活动现场，工作人员向群众发放宣传资料，耐心解答群众咨询。',
];

/** A 行政许可事项目录 of `rows` rows and 8 columns, put at the end of a report's article. */
function withAppendix(html: string, rows: number): string {
  const r = rng(1);
  const out = [
    '<div class="appendix-block"><p><strong>附件：行政许可事项目录</strong></p><table border="1" class="appendix"><tbody>',
    '<tr><th>序号</th><th>事项名称</th><th>事项类型</th><th>实施机关</th><th>设定依据</th><th>办理时限</th><th>收费标准</th><th>备注</th></tr>',
  ];
  for (let i = 1; i <= rows; i++)
    out.push(
      `<tr><td>${i}</td><td>${pick(r, PERMITS)}</td><td>行政许可</td><td>${pick(r, DISTRICTS)}${pick(r, OFFICES)}</td>` +
        `<td>${pick(r, LAWS)}第${1 + int(r, 60)}条</td><td>${5 + int(r, 30)}个工作日</td><td>不收费</td><td>${r() < 0.2 ? '可网上办理' : ''}</td></tr>`,
    );
  out.push('</tbody></table></div>');
  const at = html.search(/<div class="footer"/);
  const end = at >= 0 ? at : html.lastIndexOf('</body>');
  return html.slice(0, end) + out.join('\n') + html.slice(end);
}

/** A portal page around `body`: header, navigation, footer, a little script. */
function shell(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:14px/1.8 sans-serif;margin:0}.wrap{width:1200px;margin:0 auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}</style>
<script>window.siteConfig={columnId:"x"};</script>
</head><body><div class="wrap">
<div class="header"><div class="logo">某某市人民政府</div></div>
<div class="nav"><ul><li><a href="#">首页</a></li><li><a href="#">政务公开</a></li><li><a href="#">政府信息公开年报</a></li><li><a href="#">政务服务</a></li></ul></div>
${body}
<div class="footer"><p>主办：某某市人民政府办公室 备案号：某ICP备00000000号</p></div>
</div></body></html>
`;
}

const paragraphs = (r: () => number, n: number) =>
  Array.from({ length: n }, () => `<p>${Array.from({ length: 3 + int(r, 4) }, () => pick(r, SENTENCES)).join('')}</p>`).join('\n');

/** 50 unrelated tables (rosters, budgets, contacts) of 10 rows. */
function fiftyTables(r: () => number): string {
  const heads = [
    ['日期', '带班领导', '值班人员', '联系电话', '备注'],
    ['项目', '年初预算数', '调整预算数', '决算数', '完成率'],
    ['窗口名称', '办公地址', '咨询电话', '办公时间', '收费情况'],
  ];
  const tables = Array.from({ length: 50 }, (_, t) => {
    const head = heads[t % heads.length] as string[];
    const rows = Array.from(
      { length: 10 },
      (_, i) =>
        `<tr>${head.map((_, c) => `<td>${c === 0 ? `${pick(r, DISTRICTS)}${i + 1}` : c % 2 ? int(r, 100000) / 100 : pick(r, OFFICES)}</td>`).join('')}</tr>`,
    );
    return `<p>${t + 1}.</p><table><tbody><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${rows.join('')}</tbody></table>`;
  });
  return shell(
    '2024年第三季度工作安排汇总-某某市人民政府',
    `<div class="main"><h1>2024年第三季度工作安排汇总</h1>${tables.join('\n')}</div>`,
  );
}

/** Links with dates, as list and home pages have them. */
const links = (r: () => number, n: number) =>
  Array.from(
    { length: n },
    (_, i) => `<li><a href="#i${i}">${pick(r, SENTENCES).slice(0, 20)}</a><span>2024-0${1 + (i % 9)}-1${i % 10}</span></li>`,
  ).join('');

const GENERATED: Record<string, (r: () => number) => string> = {
  'tables-50.html': fiftyTables,
  'news-article.html': (r) =>
    shell(
      '区政府召开第十二次常务会议-某某市人民政府',
      `<div class="main"><ul>${links(r, 60)}</ul><h1>区政府召开第十二次常务会议</h1>${paragraphs(r, 80)}</div>`,
    ),
  // Words like 信息公开 in the navigation; layout tables.
  'portal-home.html': (r) =>
    shell(
      '某某市人民政府门户网站',
      `<table width="100%"><tr><td><h2>政府信息公开</h2><ul>${links(r, 180)}</ul></td><td><ul>${links(r, 180)}</ul></td></tr></table>`,
    ),
  // 申请 and 信息公开 throughout, and a table; not a report.
  'disclosure-guide.html': (r) =>
    shell(
      '政府信息公开指南-某某区人民政府',
      `<h1>某某区人民政府政府信息公开指南</h1><p>公民、法人或者其他组织申请获取政府信息的，可以向本机关提出申请。</p>
<table border="1"><tr><th>受理机构</th><th>办公地址</th><th>联系电话</th></tr><tr><td>区政府办公室</td><td>某某路1号</td><td>0000-00000000</td></tr></table>${paragraphs(r, 30)}`,
    ),
  // A page whose text alone takes a while to read.
  'big-list.html': (r) => shell('通知公告-某某市人民政府', `<ul class="list">${links(r, 5000)}</ul>`),
};

/** Write bench/out/site/: the largest report and the pages that are not reports. */
export async function writeSite(): Promise<void> {
  await mkdir(SITE, { recursive: true });
  await writeFile(join(SITE, LARGEST), withAppendix(await readFile(join(FIXTURES, 'seed004-word.html'), 'utf8'), 1000));
  for (const [name, make] of Object.entries(GENERATED)) await writeFile(join(SITE, name), make(rng(name.length)));
}

/** `count` report pages for the command line: the fixtures round-robin, each under another agency's name. */
export async function writeCliPages(count: number): Promise<string[]> {
  await rm(CLI_PAGES, { recursive: true, force: true });
  await mkdir(CLI_PAGES, { recursive: true });
  const manifest: { file: string; agency?: string; encoding?: string }[] = JSON.parse(
    await readFile(join(FIXTURES, 'manifest.json'), 'utf8'),
  );
  // The inner page of a frameset is not a page a user saves on its own.
  const files = manifest.filter((m) => !m.file.endsWith('-inner.html'));
  const r = rng(7);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const m = files[i % files.length] as (typeof files)[number];
    const bytes = await readFile(join(FIXTURES, m.file));
    const name = `${String(i).padStart(3, '0')}-${m.file}`;
    const renamed = m.agency && (m.encoding ?? 'utf-8') === 'utf-8';
    await writeFile(
      join(CLI_PAGES, name),
      renamed
        ? bytes
            .toString('utf8')
            .split(m.agency as string)
            .join(`${pick(r, DISTRICTS)}${pick(r, OFFICES)}${i}`)
        : bytes,
    );
    names.push(name);
  }
  return names;
}

export async function fixturePages(): Promise<string[]> {
  return (await readdir(FIXTURES)).filter((f) => /\.html?$/.test(f)).sort();
}
