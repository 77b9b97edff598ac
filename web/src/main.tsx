import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import './styles.css';

// Printed pages show every indicator's metadata: open the "About this indicator" details for printing.
window.addEventListener('beforeprint', () => {
  for (const details of document.querySelectorAll('details.metadata')) (details as HTMLDetailsElement).open = true;
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
