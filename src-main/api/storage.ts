import type { EventOf, ParsedRequestOf, ResponseOf } from '../../src-shared/api/contract';
import type { LabStore } from '../store';
import type { TrainingService } from '../training';
import { ApiFailure } from './router';

export interface StorageChannelDeps {
  store: LabStore;
  training: TrainingService;
  emitProgress: (event: EventOf<'storageProgress'>) => void;
}

/** The Storage panel: sizes, and Compact with progress. */
export function storageChannels({ store, training, emitProgress }: StorageChannelDeps) {
  const { space } = store;
  return {
    getStorage: async (): Promise<ResponseOf<'getStorage'>> => {
      const runs = await space.runSpaces();
      return { path: store.path, ...space.figures(), compacting: space.isCompacting, runs };
    },
    compactStorage: async (request: ParsedRequestOf<'compactStorage'>): Promise<ResponseOf<'compactStorage'>> => {
      // A rebuild holds the write lock for its whole length: training writes would wait on it.
      if (!space.figures().incremental && training.snapshot().training.length > 0) {
        throw new ApiFailure('conflict', 'This database is from an older version and must be rebuilt once to shrink; pause the training runs first, then compact');
      }
      let last = 0;
      return space.compact((progress) => {
        const now = performance.now();
        // ≤ 10 events a second, and always the last
        if (now - last < 100 && progress.done < progress.total) return;
        last = now;
        emitProgress({ jobId: request.jobId, ...progress });
      });
    },
  };
}
