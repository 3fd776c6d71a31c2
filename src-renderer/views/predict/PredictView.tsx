export function PredictView(_props: { runId?: number }) {
  return <div className="view"><h1>Predict</h1></div>;
}
