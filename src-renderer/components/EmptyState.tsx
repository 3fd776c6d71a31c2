import type { ReactNode } from 'react';

/** What a view shows before there is anything in it, with the one action that fixes that. */
export function EmptyState({ art, title, children, action }: { art: string; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      <div className="art" aria-hidden="true">
        {art}
      </div>
      <h2>{title}</h2>
      {children && <p>{children}</p>}
      {action && <div className="row" style={{ justifyContent: 'center' }}>{action}</div>}
    </div>
  );
}
