/** The workbench page (`workbench.html?listing=<url>&year=<Y>&follow=1|0[&delay=<s>][&view=history]`), wired: the language, the view and the page's work. */
import '@/components/page.css';
import './style.css';
import { render } from 'preact';
import { Workbench, type WorkbenchView } from '@/components/workbench/Workbench';
import { t } from '@/utils/i18n';
import { loadLang, onLangChange } from '@/utils/prefs';
import { workbenchTarget } from '@/utils/workbench/url';
import { WorkbenchPage } from './page';

const root = document.getElementById('app') as HTMLElement;
const query = new URLSearchParams(location.search);
const target = workbenchTarget(location.search);
/** `&delay=<seconds>` (scripts, tests): the delay a new run starts with (else 2 s; adjustable on the page). */
const delaySeconds = Number(query.get('delay') ?? Number.NaN);
const delayMs = Number.isFinite(delaySeconds) && delaySeconds >= 0 && delaySeconds <= 60 ? Math.round(delaySeconds * 1000) : undefined;
let view: WorkbenchView = query.get('view') === 'history' ? 'history' : 'run';

void loadLang().then(() => {
  const page = new WorkbenchPage(() => draw());
  const draw = () => {
    document.documentElement.lang = t('common.lang');
    document.title = t('workbench.title');
    render(
      <Workbench
        run={page.state}
        going={page.run.running}
        history={page.history}
        view={view}
        onView={(v) => {
          view = v;
          draw();
        }}
        onStart={(tg) => void page.start(tg)}
        onPause={() => void page.run.pause()}
        onResume={() => void page.run.resume()}
        onCancel={() => void page.run.cancel()}
        onRestart={() => page.state && void page.run.start(page.state.target)}
        onDelay={(ms) => void page.run.setDelay(ms)}
        onRetry={(urls) => void page.run.retry(urls)}
        onOpen={(row) => void page.openRow(row)}
        onOpenTab={(item) => void page.openTab(item)}
        onExportCsv={(rows) => page.exportCsv(rows)}
        onExportJson={(rows) => void page.exportJson(rows)}
        exporting={page.exporting}
        watching={page.elsewhere}
        notice={page.notice}
        needsSite={page.needsSite}
        onAllowSite={() => void page.allowSite()}
      />,
      root,
    );
  };
  onLangChange(draw);
  draw();
  void page.open(target, delayMs);
});
