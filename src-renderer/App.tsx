/** Placeholder until the lab's views land: says what the app is and where the CLI is. */
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 32 }}>
      <h1>Neural Lab</h1>
      <p>Train linear classifiers and neural networks on your own images, and see what happens inside.</p>
      <p>The views are on their way; meanwhile, train from a terminal with <code>npm run lab -- train --toy spiral</code>.</p>
    </main>
  );
}
