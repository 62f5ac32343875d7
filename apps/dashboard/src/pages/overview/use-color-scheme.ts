import { useEffect, useMemo, useState } from 'preact/hooks';

/** The colour scheme the page follows (the system's), re-rendering when it changes. */
export function useColorScheme(): 'light' | 'dark' {
  const query = useMemo(() => window.matchMedia('(prefers-color-scheme: dark)'), []);
  const [dark, setDark] = useState(query.matches);
  useEffect(() => {
    const onChange = (event: MediaQueryListEvent) => setDark(event.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [query]);
  return dark ? 'dark' : 'light';
}
