import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ConnectionContext } from './state/connection-context';
import { connectBackend } from './transport/connect-backend';
import './styles.css';

// Once per page, outside React, so StrictMode's double effects never open a second socket.
const connecting = connectBackend();
// App shows a failure; this only keeps it from also surfacing as an unhandled rejection.
connecting.catch(() => {});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ConnectionContext value={connecting}>
      <App connecting={connecting} />
    </ConnectionContext>
  </StrictMode>,
);
