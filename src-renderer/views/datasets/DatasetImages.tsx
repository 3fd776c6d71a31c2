/**
 * Pixels of a dataset: a few thumbnails per class of an imported dataset, and a live
 * preview of images after preprocessing while the import options are chosen.
 * (Filled in once the contract carries images; see the report.)
 */

import type { Dataset, ImportOptions } from '../../state/types';

export function DatasetImages(_props: { dataset: Dataset }) {
  return null;
}

export function PreprocessPreview(_props: { source: 'sample' | 'folder'; path: string; options: ImportOptions; enabled: boolean }) {
  return null;
}
