import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./styles.css";
import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { isApiError, setCsrfToken, setUnauthenticatedHandler } from "./api.ts";
import { SESSION_KEY } from "./lib/session.ts";
import { createAppRouter } from "./router.tsx";
import { theme } from "./theme.ts";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (bad filter, not found, forbidden) will not fix themselves; only retry the rest.
      retry: (count, e) => count < 2 && !(isApiError(e) && e.status >= 400 && e.status < 500),
    },
  },
});

const router = createAppRouter(queryClient);

setUnauthenticatedHandler(() => {
  setCsrfToken(null);
  queryClient.setQueryData(SESSION_KEY, null);
  const here = router.state.location;
  if (here.pathname === "/login") return;
  void router.navigate({ to: "/login", search: { next: here.href } });
});

const root = document.getElementById("root");
if (!root) throw new Error("missing #root");

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="bottom-right" limit={4} />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
