import { contextBridge } from 'electron';

// The typed API arrives with the contract; until then the renderer only learns the version.
contextBridge.exposeInMainWorld('neuralLab', { version: '0.1.0' });
