# Node-API addon with the native kernels (blas_kernels.c), built at install by
# scripts/build-native-kernels.js. Node-API is ABI-stable: the same build loads in Node
# and in Electron.
{
  "targets": [{
    "target_name": "blas_kernels",
    "sources": ["blas_kernels.c"],
    "cflags": ["-O3", "-std=c11", "-fno-math-errno"],
    "conditions": [
      ["OS=='mac'", {
        "libraries": ["-framework Accelerate"],
        "xcode_settings": { "OTHER_CFLAGS": ["-O3", "-std=c11"] }
      }],
      ["OS=='linux'", {
        "include_dirs": ["/usr/include/<!(uname -m)-linux-gnu/openblas-pthread", "/usr/include/openblas"],
        "libraries": ["-lopenblas", "-ldl"]
      }]
    ]
  }]
}
