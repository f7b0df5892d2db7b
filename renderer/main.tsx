// Renderer entry: pick the transport, build the API client, mount the app.
import './zod-jitless';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context';
import { chooseTransport } from './api/choose-transport';
import { createApi } from './api/client';
import { createQueryClient } from './api/query';
import { App } from './app/App';
import { I18nProvider } from './i18n/i18n-context';
import './ui/styles/base.css';
import './ui/styles/layout.css';
import './ui/styles/components.css';
import './ui/styles/intake.css';

const api = createApi(chooseTransport(window));
const queries = createQueryClient();
const rootElement = document.getElementById('root');
if (rootElement) {
  createRoot(rootElement).render(
    <StrictMode>
      <I18nProvider>
        <ApiProvider api={api}>
          <QueryClientProvider client={queries}>
            <App />
          </QueryClientProvider>
        </ApiProvider>
      </I18nProvider>
    </StrictMode>,
  );
}
