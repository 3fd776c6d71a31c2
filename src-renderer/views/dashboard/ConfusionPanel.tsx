/**
 * The confusion matrix on the validation split; clicking a cell lists the images of that
 * cell with their probabilities. (Needs the contract's evaluation channel; see the report.)
 */

import type { Run } from '../../state/types';

export function ConfusionPanel(_props: { run: Run }) {
  return null;
}
