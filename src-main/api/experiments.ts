/** Experiment channels: straight onto the store, with "not found" as a typed error (deleting goes through the training service, runs.ts). */

import type { ParsedRequestOf } from '../../src-shared/api/contract';
import type { LabStore } from '../store';
import { ApiFailure } from './router';

export function experimentChannels(store: LabStore) {
  const requireExperiment = (id: number) => {
    if (!store.getExperiment(id)) throw new ApiFailure('not-found', `Experiment ${id} does not exist`);
  };
  return {
    listExperiments: () => ({ experiments: store.listExperiments() }),
    createExperiment: (request: ParsedRequestOf<'createExperiment'>) => store.createExperiment(request),
    renameExperiment: (request: ParsedRequestOf<'renameExperiment'>) => {
      requireExperiment(request.id);
      return store.updateExperiment(request.id, { name: request.name });
    },
    setExperimentNotes: (request: ParsedRequestOf<'setExperimentNotes'>) => {
      requireExperiment(request.id);
      return store.updateExperiment(request.id, { notes: request.notes });
    },
    setExperimentTags: (request: ParsedRequestOf<'setExperimentTags'>) => {
      requireExperiment(request.id);
      return store.updateExperiment(request.id, { tags: request.tags });
    },
  };
}
