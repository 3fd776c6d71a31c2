/**
 * The engine's kernels in a Node process (CLI, training worker): native BLAS when its
 * addon is built (NEURAL_LAB_NATIVE=off turns it off), else WebAssembly SIMD, on one or
 * more threads. The lowest layer of src-main, next to the store: it imports only src-shared.
 *
 *   createNodeKernels({ threads?, flavour?, native? }) → NodeKernels     defaultKernelThreads()
 */
export { createNodeKernels, defaultKernelThreads, type KernelPath, type NodeKernels } from './node-kernels';
export { createThreadedKernels, type ThreadedKernelsOptions } from './threaded-kernels';
export { loadNativeAddon, NATIVE_ENV, nativeDisabledByEnv, nativeKernels } from './native-kernels';
