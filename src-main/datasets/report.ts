import type { ImportReport } from '../../src-shared/data/dataset';

/** An import report as it is stored and sent: JSON has no Infinity, so an empty class makes the imbalance ratio null. */
export function jsonReport(report: ImportReport): Omit<ImportReport, 'imbalanceRatio'> & { imbalanceRatio: number | null } {
  return { ...report, imbalanceRatio: Number.isFinite(report.imbalanceRatio) ? report.imbalanceRatio : null };
}
