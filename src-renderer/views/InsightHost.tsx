/**
 * Views 5, 6 and 8 (weight templates, sparsity, space warping) are built under
 * views/insight/; this hosts them in the shell and says what each will show until it lands.
 */

import type { Route } from '../route';
import { EmptyState } from '../components/EmptyState';

const placeholders = {
  templates: { art: '▩', title: 'Weight templates', text: 'First-layer weights drawn as images: one template per class for a linear model, hidden units for an MLP.' },
  sparsity: { art: '▮', title: 'Sparsity, L1 vs L2', text: 'Histograms of weights for two runs side by side, and how many weights are exactly zero per epoch.' },
  spacewarp: { art: '◎', title: 'Space warping', text: 'How a hidden layer bends the plane so that tangled 2-D data becomes linearly separable.' },
} as const;

export function InsightView({ route }: { route: Route }) {
  const view = route.view as keyof typeof placeholders;
  const p = placeholders[view];
  return (
    <div className="view">
      <div className="view-head">
        <div className="grow">
          <h1>{p.title}</h1>
        </div>
      </div>
      <div className="panel">
        <EmptyState art={p.art} title={`${p.title} is on its way`}>
          {p.text}
        </EmptyState>
      </div>
    </div>
  );
}
