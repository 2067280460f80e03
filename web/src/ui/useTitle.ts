// Names the browser tab (and what screen readers announce on navigation) after the page.
import { useEffect } from 'react';

export function useTitle(title: string | undefined, app = 'Emporium'): void {
  useEffect(() => {
    document.title = title ? `${title} · ${app}` : app;
  }, [title, app]);
}
