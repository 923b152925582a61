/** The attachment page (`attachment.html?url=<file>&from=<page>`), wired: the language, the shell, and the page's work. */
import '@/components/page.css';
import './style.css';
import { render } from 'preact';
import { readTarget } from '@/utils/attachment';
import { t } from '@/utils/i18n';
import { loadLang, onLangChange } from '@/utils/prefs';
import { AttachmentPage } from './page';
import { Shell } from './Shell';

const shell = document.getElementById('shell') as HTMLElement;
const slot = document.getElementById('file') as HTMLElement;

void loadLang().then(() => {
  document.documentElement.lang = t('common.lang');
  const page = new AttachmentPage(readTarget(location.search), slot, () => draw());
  const draw = () => render(<Shell page={page} />, shell);
  onLangChange(() => {
    document.documentElement.lang = t('common.lang');
    draw();
  });
  document.title = t('attachment.title', [page.name || '…']);
  draw();
  void page.start();
});
