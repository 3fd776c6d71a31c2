import type { ReactNode } from 'react';
import { EmptyState } from '../components/EmptyState';
import { useLab } from '../state/lab-store';
import { useNavigate } from '../state/navigation';

/**
 * The empty state of the views that need a trained model (Predict, Export): it leads to the
 * built-in sample when nothing was trained yet, else to a new experiment.
 */
export function NoModelYet({ head, art, title, children }: { head: ReactNode; art: string; title: string; children: ReactNode }) {
  const navigate = useNavigate();
  const noRuns = useLab((s) => s.runs.length === 0);
  return (
    <div className="view">
      {head}
      <div className="panel">
        <EmptyState
          art={art}
          title={title}
          action={
            <button className="btn primary" onClick={() => navigate({ view: noRuns ? 'datasets' : 'new' })}>
              {noRuns ? 'Import the built-in sample' : 'Train a model'}
            </button>
          }
        >
          {children}
        </EmptyState>
      </div>
    </div>
  );
}
