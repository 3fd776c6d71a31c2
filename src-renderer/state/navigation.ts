/** The current route, kept in the URL hash, and a way for any view to move elsewhere. */

import { createContext, startTransition, useCallback, useContext, useEffect, useState } from 'react';
import { formatRoute, parseRoute, type Route } from '../route';

export type Navigate = (route: Route) => void;

export const NavigationContext = createContext<Navigate>(() => undefined);

export function useNavigate(): Navigate {
  return useContext(NavigationContext);
}

export function useHashRoute(): [Route, Navigate] {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    // A transition: React renders the next view in slices and keeps the page responsive
    // (a view full of charts takes longer to mount than one frame).
    const onHash = () => startTransition(() => setRoute(parseRoute(window.location.hash)));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const navigate = useCallback((next: Route) => {
    const hash = formatRoute(next);
    if (window.location.hash !== hash) window.location.hash = hash;
    startTransition(() => setRoute(next));
  }, []);
  return [route, navigate];
}
