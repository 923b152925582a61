/** The panel's head, as every panel of ours has it: its title, what the caller adds (the dock buttons), fold and close. */
import type { ComponentChildren, Ref } from 'preact';
import { t } from './text';

export interface PanelHeadProps {
  onToggle: () => void;
  onClose: () => void;
  /** Between the title and the fold button. */
  children?: ComponentChildren;
  /** The fold button (focus comes back to it). */
  toggleRef?: Ref<HTMLButtonElement>;
  /** The id of the body the fold button folds. */
  controls?: string;
}

export function PanelHead(p: PanelHeadProps) {
  return (
    <header class="panel-head">
      <h2 class="panel-title">{t('panel.title')}</h2>
      {p.children}
      <button
        ref={p.toggleRef}
        type="button"
        class="icon-btn"
        aria-expanded="true"
        aria-controls={p.controls}
        onClick={p.onToggle}
        title={t('panel.collapse')}
      >
        <span aria-hidden="true">–</span>
        <span class="sr-only">{t('panel.collapse')}</span>
      </button>
      <button type="button" class="icon-btn" onClick={p.onClose} title={t('panel.close')}>
        <span aria-hidden="true">×</span>
        <span class="sr-only">{t('panel.close')}</span>
      </button>
    </header>
  );
}
