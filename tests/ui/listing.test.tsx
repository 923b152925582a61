/**
 * The listing offer 「核查本页列出的 N 份年报」: the summary the reader makes of a listing page (N, the
 * years most recent first, the pager), and the offer in the panel and the popup, in both languages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ListingOffer, ListingPanel } from '../../components/ListingOffer';
import { Popup, type PopupProps } from '../../components/Popup';
import { emptyListing } from '../../utils/history';
import { setLang } from '../../utils/i18n';
import { type ListingSummary, listingSummary } from '../../utils/listing-summary';
import type { WorkbenchTarget } from '../../utils/workbench/url';

const FIXTURES = join(process.cwd(), 'tests', 'fixtures');
const URL_OF = (file: string) => `http://www.fixtures.gov.cn/nb/${file}`;
const LISTING = URL_OF('index.html');

const parse = (path: string): Document => new DOMParser().parseFromString(readFileSync(join(FIXTURES, path), 'utf8'), 'text/html');
const summaryOf = (path: string, url: string) => listingSummary(parse(path), url);

let root: HTMLElement;

afterEach(() => {
  if (root) {
    render(null, root);
    root.remove();
  }
  setLang('zh_CN');
});

function mount(node: preact.ComponentChild): void {
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(node, root));
}

const button = () => root.querySelector('.nb-listing-btn') as HTMLButtonElement;
const select = () => root.querySelector('.nb-listing-year select') as HTMLSelectElement;
const follow = () => root.querySelector('.nb-listing-follow input') as HTMLInputElement | null;
const options = () => Array.from(select().options, (o) => [o.value, o.textContent]);

function choose(year: string): void {
  act(() => {
    select().value = year;
    select().dispatchEvent(new Event('change', { bubbles: true }));
  });
}

function untick(): void {
  act(() => {
    const box = follow() as HTMLInputElement;
    box.checked = false;
    box.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('the listing summary', () => {
  it('counts the report links of the fixture listing by year, most recent first, and finds its pager', () => {
    expect(summaryOf('listings/index.html', LISTING)).toEqual({
      url: LISTING,
      count: 7,
      years: [
        { year: 2023, count: 4 },
        { year: 2022, count: 2 },
        { year: 2021, count: 1 },
      ],
      hasPager: true,
    });
  });

  it('a listing without a pager has none; a report page, or one linking its neighbours, is no listing', () => {
    expect(summaryOf('listings/plain.html', URL_OF('plain.html'))).toEqual({
      url: URL_OF('plain.html'),
      count: 2,
      years: [
        { year: 2023, count: 1 },
        { year: 2022, count: 1 },
      ],
      hasPager: false,
    });
    expect(summaryOf('listings/files.html', URL_OF('files.html'))).toEqual({
      url: URL_OF('files.html'),
      count: 3,
      years: [
        { year: 2023, count: 2 },
        { year: 2022, count: 1 },
      ],
      hasPager: false,
    });
    expect(summaryOf('pages/typo-suspect.html', 'http://www.fixtures.gov.cn/ndbg/typo-suspect.html')).toBeNull();
    const neighbours = parse('pages/typo-suspect.html');
    neighbours.body.insertAdjacentHTML(
      'beforeend',
      '<p>上一篇：<a href="a.html">金华市人民政府办公室2022年政府信息公开工作年度报告</a></p><p>下一篇：<a href="b.html">思明区人民政府2023年政府信息公开工作年度报告</a></p>',
    );
    expect(listingSummary(neighbours, 'http://www.fixtures.gov.cn/ndbg/typo-suspect.html')).toBeNull();
    expect(summaryOf('pages/non-report-plain.html', 'http://www.fixtures.gov.cn/ndbg/non-report-plain.html')).toBeNull();
  });
});

describe('the listing offer', () => {
  const listing = summaryOf('listings/index.html', LISTING) as ListingSummary;

  it('offers the N reports, the years the links name and all years, and following the pager (on)', () => {
    mount(<ListingOffer listing={listing} onOpen={vi.fn()} />);
    expect(button().textContent).toBe('核查本页列出的 7 份年报');
    expect(options()).toEqual([
      ['', '全部年度（7 份）'],
      ['2023', '2023 年度（4 份）'],
      ['2022', '2022 年度（2 份）'],
      ['2021', '2021 年度（1 份）'],
    ]);
    expect(select().value).toBe('');
    expect(follow()?.checked).toBe(true);
    expect(root.querySelector('.nb-listing-follow')?.textContent).toBe('同时核查后续页');
  });

  it('choosing 2023 and unticking the pager calls back with exactly that listing, year and follow', () => {
    const onOpen = vi.fn<(t: WorkbenchTarget) => void>();
    mount(<ListingOffer listing={listing} onOpen={onOpen} />);
    choose('2023');
    expect(button().textContent).toBe('核查本页列出的 4 份年报');
    untick();
    act(() => button().click());
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onOpen.mock.calls[0]?.[0]).toStrictEqual({ listing: LISTING, year: 2023, follow: false });
  });

  it('by default: every year, following the pager', () => {
    const onOpen = vi.fn<(t: WorkbenchTarget) => void>();
    mount(<ListingOffer listing={listing} onOpen={onOpen} />);
    act(() => button().click());
    expect(onOpen.mock.calls[0]?.[0]).toStrictEqual({ listing: LISTING, follow: true });
  });

  it('without a pager: no checkbox, and nothing to follow', () => {
    const plain = summaryOf('listings/plain.html', URL_OF('plain.html')) as ListingSummary;
    const onOpen = vi.fn<(t: WorkbenchTarget) => void>();
    mount(<ListingOffer listing={plain} onOpen={onOpen} />);
    expect(follow()).toBeNull();
    expect(button().textContent).toBe('核查本页列出的 2 份年报');
    act(() => button().click());
    expect(onOpen.mock.calls[0]?.[0]).toStrictEqual({ listing: URL_OF('plain.html'), follow: false });
  });

  it('speaks English with no Chinese of ours', () => {
    setLang('en');
    mount(<ListingOffer listing={listing} onOpen={vi.fn()} />);
    expect(button().textContent).toBe('Check the 7 reports this page lists');
    expect(options().map((o) => o[1])).toEqual(['All years (7)', '2023 (4)', '2022 (2)', '2021 (1)']);
    expect(root.querySelector('.nb-listing-follow')?.textContent).toBe("Also follow the listing's later pages");
    expect(root.textContent).not.toMatch(/\p{Script=Han}/u);
    choose('2021');
    expect(button().textContent).toBe('Check the report this page lists');
  });
});

describe('the listing in the panel and the popup', () => {
  const listing = summaryOf('listings/index.html', LISTING) as ListingSummary;

  it('the panel holds only the offer, and folds into a pill', () => {
    const props = { listing, theme: 'light' as const, collapsed: false, onToggle: vi.fn(), onClose: vi.fn(), onOpen: vi.fn() };
    mount(<ListingPanel {...props} />);
    expect(root.querySelector('.panel-title')?.textContent).toBe('年报核查');
    expect(button().textContent).toBe('核查本页列出的 7 份年报');
    expect(root.querySelector('.tally, .finding, .verdict')).toBeNull();
    act(() => (root.querySelector('.icon-btn') as HTMLButtonElement).click());
    expect(props.onToggle).toHaveBeenCalledTimes(1);
    act(() => render(<ListingPanel {...props} collapsed />, root));
    expect(root.querySelector('.pill')?.textContent).toBe('年报核查本页列出的年报');
    expect(root.querySelector('.nb-listing-btn')).toBeNull();
  });

  it('the popup on a listing tab offers the same, and calls back to open the workbench', () => {
    const onOpenListing = vi.fn<(t: WorkbenchTarget) => void>();
    const props: PopupProps = {
      current: { kind: 'listing', listing },
      site: { state: 'always', host: 'www.fixtures.gov.cn' },
      history: emptyListing(),
      query: '',
      lang: 'zh_CN',
      onExport: vi.fn(),
      onCopy: vi.fn(),
      onShowPanel: vi.fn(),
      onSite: vi.fn(),
      onLang: vi.fn(),
      onQuery: vi.fn(),
      onOpen: vi.fn(),
      onExportEntry: vi.fn(),
      onDelete: vi.fn(),
      onExportAll: vi.fn(),
      onExportAside: vi.fn(),
      onDeleteAside: vi.fn(),
      onOpenListing,
    };
    mount(<Popup {...props} />);
    expect(button().textContent).toBe('核查本页列出的 7 份年报');
    choose('2022');
    act(() => button().click());
    expect(onOpenListing.mock.calls[0]?.[0]).toStrictEqual({ listing: LISTING, year: 2022, follow: true });
    expect(root.querySelector('.verdict')).toBeNull();
  });
});
