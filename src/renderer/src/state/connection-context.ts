/**
 * The connection, for components deep in a view that ask the backend for
 * more (an evidence item's raw lines) without every parent passing it down.
 * main.tsx provides the one promise it connects with.
 */
import { createContext } from 'react';
import type { Connection } from '../transport/connection';

export const ConnectionContext = createContext<Promise<Connection> | null>(null);
