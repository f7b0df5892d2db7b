// Window-wide shortcuts: Ctrl+N new dossier, Ctrl+F focus the search box of the current screen.
import { useEffect } from 'react';
import { NEW_DOSSIER_EVENT } from '../features/catalog/CatalogPicker';
import { navigate } from './router';

export function useGlobalShortcuts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const key = e.key.toLowerCase();
      if (key === 'n') {
        e.preventDefault();
        // already on the picker: the hash does not change, so the picker is told to start a fresh search
        void navigate({ name: 'new' }).then(() => window.dispatchEvent(new Event(NEW_DOSSIER_EVENT)));
      } else if (key === 'f') {
        const box = document.querySelector<HTMLElement>('[data-search-box]');
        if (box) {
          e.preventDefault();
          box.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
