// Exposes the contract to the window, method by method, and nothing else of Electron or Node.
import { contextBridge, ipcRenderer } from 'electron';
import { methods } from '../shared/contract';

const API_CHANNEL = 'interleave:api';

const bridge: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const method of methods) bridge[method] = (input: unknown) => ipcRenderer.invoke(API_CHANNEL, method, input ?? {});

contextBridge.exposeInMainWorld('interleave', Object.freeze(bridge));
