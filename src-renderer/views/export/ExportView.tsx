export function ExportView(_props: { runId?: number }) {
  return <div className="view"><h1>Export</h1></div>;
}
