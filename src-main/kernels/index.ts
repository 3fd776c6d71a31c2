/**
 * The engine's kernels in a Node process (CLI, training worker): WebAssembly SIMD, on one
 * or more threads. The lowest layer of src-main, next to the store: it imports only src-shared.
 *
 *   createNodeKernels({ threads?, flavour? }) → Kernels     defaultKernelThreads()
 */
export { createNodeKernels, defaultKernelThreads } from './node-kernels';
export { createThreadedKernels, type ThreadedKernelsOptions } from './threaded-kernels';
