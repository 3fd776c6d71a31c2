/*
 * Native kernels: matrix products through the platform's BLAS (OpenBLAS on Linux,
 * Accelerate on macOS) and the elementwise parts of a training step as single passes.
 * A Node-API module, so one build loads in Node and in Electron.
 *
 * Every array argument is a Float32Array (Int32Array for labels) over any ArrayBuffer
 * or SharedArrayBuffer; every call checks that the arrays hold the values it touches and
 * throws a RangeError otherwise, so a wrong call is an exception, never a stray write.
 * Sums are accumulated in double, as the reference kernels do.
 */
#define _GNU_SOURCE /* dladdr */
#define _POSIX_C_SOURCE 200809L
#define NAPI_VERSION 8
#include <node_api.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <dlfcn.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <time.h>

#ifdef __APPLE__
#define ACCELERATE_NEW_LAPACK
#include <Accelerate/Accelerate.h>
#else
#include <cblas.h>
#endif

#if defined(OPENBLAS_VERSION) || defined(OPENBLAS_CONFIG_H)
#define HAVE_OPENBLAS_THREADS 1
#endif

#define MAX_ARGS 16

typedef struct {
  napi_env env;
  napi_value argv[MAX_ARGS];
  size_t argc;
  int failed;
} Call;

static void fail(Call *call, const char *message) {
  if (!call->failed) napi_throw_range_error(call->env, NULL, message);
  call->failed = 1;
}

static double num(Call *call, size_t i) {
  double value = 0;
  if (call->failed) return 0;
  if (i >= call->argc || napi_get_value_double(call->env, call->argv[i], &value) != napi_ok) fail(call, "expected a number argument");
  return value;
}

static int64_t count(Call *call, size_t i) {
  double value = num(call, i);
  if (call->failed) return 0;
  if (!(value >= 0 && value <= 9007199254740991.0) || value != floor(value)) {
    fail(call, "sizes must be non-negative integers");
    return 0;
  }
  return (int64_t)value;
}

/* A typed array argument of `type` holding at least `needed` elements. */
static void *array(Call *call, size_t i, napi_typedarray_type type, int64_t needed) {
  napi_typedarray_type actual;
  size_t length = 0;
  void *data = NULL;
  bool is_typed = false;
  if (call->failed) return NULL;
  if (i >= call->argc || napi_is_typedarray(call->env, call->argv[i], &is_typed) != napi_ok || !is_typed) {
    fail(call, type == napi_int32_array ? "expected an Int32Array" : "expected a Float32Array");
    return NULL;
  }
  napi_get_typedarray_info(call->env, call->argv[i], &actual, &length, &data, NULL, NULL);
  if (actual != type) {
    fail(call, type == napi_int32_array ? "expected an Int32Array" : "expected a Float32Array");
    return NULL;
  }
  if ((int64_t)length < needed) {
    fail(call, "array is shorter than the sizes given");
    return NULL;
  }
  return data;
}

static float *floats(Call *call, size_t i, int64_t needed) { return (float *)array(call, i, napi_float32_array, needed); }

/* An optional Float32Array: null/undefined gives NULL without failing. */
static float *optional_floats(Call *call, size_t i, int64_t needed) {
  napi_valuetype type;
  if (call->failed || i >= call->argc) return NULL;
  napi_typeof(call->env, call->argv[i], &type);
  if (type == napi_null || type == napi_undefined) return NULL;
  return floats(call, i, needed);
}

static Call begin(napi_env env, napi_callback_info info) {
  Call call;
  call.env = env;
  call.argc = MAX_ARGS;
  call.failed = 0;
  napi_get_cb_info(env, info, &call.argc, call.argv, NULL, NULL);
  return call;
}

static napi_value number_value(napi_env env, double value) {
  napi_value result;
  napi_create_double(env, value, &result);
  return result;
}

/* ---- matrix products ---------------------------------------------------------------- */

/*
 * Products on two threads are shared with one helper thread of our own, not with
 * OpenBLAS's threads (they stay at one). OpenBLAS cuts a product into fixed parts, one per
 * thread, so when the other core is busy with another process the product waits for the
 * part whose thread is not running, and two threads end up slower than one. Here C is cut
 * into chunks (blocks of rows or of columns) that the caller and the helper take in turn
 * from one counter: a helper that is not running takes none and the caller does them all.
 * Each chunk is one single-threaded cblas_sgemm and the cut depends only on the shape, so
 * the result does not depend on who computed which chunk.
 */
typedef struct {
  int trans_a, trans_b, m, n, k;
  float alpha, beta;
  const float *a, *b;
  float *c;
  int by_rows; /* 1: chunks are blocks of rows of C, 0: blocks of columns */
  int chunk;   /* rows or columns per chunk */
  int chunks;
  uint32_t number; /* which shared product this is (see `ticket`) */
} Product;

/* One chunk of `p`: rows (or columns) [index·chunk, …) of C, a product of its own. */
static void run_chunk(const Product *p, int index) {
  int start = index * p->chunk, side = p->by_rows ? p->m : p->n;
  int size = side - start < p->chunk ? side - start : p->chunk;
  CBLAS_TRANSPOSE ta = p->trans_a ? CblasTrans : CblasNoTrans, tb = p->trans_b ? CblasTrans : CblasNoTrans;
  int lda = p->trans_a ? p->m : p->k, ldb = p->trans_b ? p->k : p->n;
  if (p->by_rows) {
    /* rows of C are rows of op(A): rows of A, or columns of a transposed A */
    const float *a = p->trans_a ? p->a + start : p->a + (size_t)start * p->k;
    cblas_sgemm(CblasRowMajor, ta, tb, size, p->n, p->k, p->alpha, a, lda, p->b, ldb, p->beta, p->c + (size_t)start * p->n, p->n);
  } else {
    const float *b = p->trans_b ? p->b + (size_t)start * p->k : p->b + start;
    cblas_sgemm(CblasRowMajor, ta, tb, p->m, size, p->k, p->alpha, p->a, lda, b, ldb, p->beta, p->c + start, p->n);
  }
}

/*
 * The shared product. `ticket` holds the product's number (high 32 bits) and the next
 * chunk to take (low 32): a chunk is taken by advancing the ticket of the product the
 * taker read, so a helper still holding the description of a product the caller finished
 * alone takes nothing. `shared_seq` is odd while the caller rewrites `shared` (a seqlock:
 * the helper copies the description and keeps the copy only when the count did not move).
 */
static Product shared;
static atomic_uint shared_seq;
static _Atomic uint64_t ticket;
static atomic_int chunks_done;
static atomic_int helper_sleeping;
/* one product at a time (addons loaded in several worker threads share this state) */
static atomic_flag pool_busy = ATOMIC_FLAG_INIT;
static pthread_mutex_t wake_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static int helper_state; /* 0 not started, 1 running, -1 could not start; guarded by wake_lock */

/*
 * How long the helper keeps watching for the next product before it sleeps: the products
 * of one training step follow each other within microseconds, and waking a sleeping
 * thread costs tens of them.
 */
#define HELPER_SPIN_NS 300000

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* Takes chunks of product `p` until none is left (or the caller has moved past it). */
static void take_chunks(const Product *p) {
  for (;;) {
    uint64_t seen = atomic_load(&ticket);
    if ((uint32_t)(seen >> 32) != p->number || (int)(uint32_t)seen >= p->chunks) return;
    if (!atomic_compare_exchange_weak(&ticket, &seen, seen + 1)) continue;
    run_chunk(p, (int)(uint32_t)seen);
    atomic_fetch_add(&chunks_done, 1);
  }
}

static void *helper_main(void *unused) {
  (void)unused;
  uint32_t last = 0;
  for (;;) {
    int64_t since = now_ns();
    uint32_t number;
    for (int spins = 0; (number = (uint32_t)(atomic_load(&ticket) >> 32)) == last; spins++) {
      if ((spins & 63) != 63 || now_ns() - since < HELPER_SPIN_NS) { cpu_relax(); continue; }
      pthread_mutex_lock(&wake_lock);
      atomic_store(&helper_sleeping, 1);
      while ((uint32_t)(atomic_load(&ticket) >> 32) == last) pthread_cond_wait(&wake, &wake_lock);
      atomic_store(&helper_sleeping, 0);
      pthread_mutex_unlock(&wake_lock);
      since = now_ns();
    }
    Product p;
    for (;;) {
      unsigned before = atomic_load(&shared_seq);
      if (before & 1) { cpu_relax(); continue; }
      p = shared;
      atomic_thread_fence(memory_order_acquire);
      if (atomic_load(&shared_seq) == before) break;
    }
    last = p.number;
    take_chunks(&p);
  }
  return NULL;
}

/*
 * Keeps this library mapped for the life of the process. Node unloads an addon when the
 * last worker thread that loaded it exits; the helper thread outlives them all and would
 * then run in unmapped (or reloaded, re-zeroed) code. 1 when pinned.
 */
static int pin_library(void) {
  Dl_info self;
  if (!dladdr((void *)&pin_library, &self) || !self.dli_fname) return 0;
  return dlopen(self.dli_fname, RTLD_NOW | RTLD_NODELETE) != NULL;
}

static int helper_ready(void) {
  pthread_mutex_lock(&wake_lock);
  if (helper_state == 0 && !pin_library()) helper_state = -1; /* products then run on the caller alone */
  if (helper_state == 0) {
    pthread_t thread;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    helper_state = pthread_create(&thread, &attr, helper_main, NULL) == 0 ? 1 : -1;
    pthread_attr_destroy(&attr);
  }
  int ready = helper_state == 1;
  pthread_mutex_unlock(&wake_lock);
  return ready;
}

/*
 * When the helper took a chunk and then lost its core to another process, the caller
 * waits for that chunk, and a shared product can end up slower than one computed alone.
 * The caller keeps a moving average of the share of each shared product it spent waiting;
 * above CONTENDED it computes the chunks alone for SOLO_NS, then shares again. The chunks
 * are the same either way, so the result does not change.
 */
#define CONTENDED 0.3
#define SOLO_NS 200000000
static double waiting_share;
static int64_t solo_until;

/*
 * C = alpha·op(A)·op(B) + beta·C shared with the helper, in chunks of `chunk` rows
 * (by_rows) or columns of C; 0 when it cannot be shared (the caller then runs it alone).
 */
static int shared_gemm(int trans_a, int trans_b, int m, int n, int k, float alpha, const float *a, const float *b, float beta, float *c,
                       int by_rows, int chunk) {
  int side = by_rows ? m : n;
  int chunks = (side + chunk - 1) / chunk;
  if (chunks < 2 || !helper_ready()) return 0;
  if (atomic_flag_test_and_set(&pool_busy)) return 0;
  uint32_t number = (uint32_t)(atomic_load(&ticket) >> 32) + 1;
  Product p = { trans_a, trans_b, m, n, k, alpha, beta, a, b, c, by_rows, chunk, chunks, number };
  int64_t started = now_ns();
  if (started < solo_until) {
    for (int i = 0; i < chunks; i++) run_chunk(&p, i);
    atomic_flag_clear(&pool_busy);
    return 1;
  }
  atomic_fetch_add(&shared_seq, 1);
  atomic_thread_fence(memory_order_release);
  shared = p;
  atomic_fetch_add(&shared_seq, 1);
  atomic_store(&chunks_done, 0);
  atomic_store(&ticket, (uint64_t)number << 32);
  if (atomic_load(&helper_sleeping)) {
    pthread_mutex_lock(&wake_lock);
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&wake_lock);
  }
  take_chunks(&p);
  /* the helper may still be finishing a chunk it took */
  int64_t ran_out = now_ns();
  for (int spins = 0; atomic_load(&chunks_done) < chunks; spins++) {
    if ((spins & 1023) == 1023) sched_yield(); else cpu_relax();
  }
  int64_t finished = now_ns();
  waiting_share = 0.75 * waiting_share + 0.25 * (double)(finished - ran_out) / (double)(finished - started + 1);
  if (waiting_share > CONTENDED) {
    solo_until = finished + SOLO_NS;
    waiting_share = 0;
  }
  atomic_flag_clear(&pool_busy);
  return 1;
}

static int blas_single_threaded;

/*
 * gemm(transA, transB, m, n, k, alpha, a, b, beta, c, split, chunk): C = alpha·op(A)·op(B) + beta·C,
 * row-major, leading dimensions those of densely stored operands. split 0: on the calling
 * thread alone; 1 (2): shared with the helper thread in chunks of `chunk` rows (columns)
 * of C. The caller decides which products are worth sharing, and how (native-kernels.ts).
 */
static napi_value gemm(napi_env env, napi_callback_info info) {
  Call call = begin(env, info);
  int trans_a = num(&call, 0) != 0, trans_b = num(&call, 1) != 0;
  int64_t m = count(&call, 2), n = count(&call, 3), k = count(&call, 4);
  float alpha = (float)num(&call, 5);
  float *a = floats(&call, 6, m * k), *b = floats(&call, 7, k * n);
  float beta = (float)num(&call, 8);
  float *c = floats(&call, 9, m * n);
  int64_t split = count(&call, 10), chunk = count(&call, 11);
  if (call.failed) return NULL;
  if (split > 2 || (split != 0 && chunk < 1)) { fail(&call, "split must be 0, 1 or 2, with a chunk of at least 1"); return NULL; }
  if (m > INT32_MAX || n > INT32_MAX || k > INT32_MAX) { fail(&call, "matrix side too large for BLAS"); return NULL; }
  if (m == 0 || n == 0) return NULL;
#ifdef HAVE_OPENBLAS_THREADS
  if (!blas_single_threaded) openblas_set_num_threads(1);
#endif
  blas_single_threaded = 1;
  if (split != 0 && chunk <= INT32_MAX
      && shared_gemm(trans_a, trans_b, (int)m, (int)n, (int)k, alpha, a, b, beta, c, split == 1, (int)chunk)) return NULL;
  cblas_sgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans, trans_b ? CblasTrans : CblasNoTrans,
              (int)m, (int)n, (int)k, alpha, a, trans_a ? (int)m : (int)k, b, trans_b ? (int)k : (int)n,
              beta, c, (int)n);
  return NULL;
}

/* ---- vector kernels (the Kernels interface's optional ones) ------------------------- */

static napi_value axpby(napi_env env, napi_callback_info info) {
  Call call = begin(env, info);
  int64_t n = count(&call, 0);
  float a = (float)num(&call, 1);
  float *x = floats(&call, 2, n);
  float b = (float)num(&call, 3);
  float *y = floats(&call, 4, n);
  if (call.failed) return NULL;
  for (int64_t i = 0; i < n; i++) y[i] = a * x[i] + b * y[i];
  return NULL;
}

static napi_value dot(napi_env env, napi_callback_info info) {
  Call call = begin(env, info);
  int64_t n = count(&call, 0);
  float *x = floats(&call, 1, n), *y = floats(&call, 2, n);
  if (call.failed) return NULL;
  double total = 0;
  for (int64_t i = 0; i < n; i++) total += (double)x[i] * (double)y[i];
  return number_value(env, total);
}

static napi_value sum(napi_env env, napi_callback_info info) {
  Call call = begin(env, info);
  int64_t n = count(&call, 0);
  float *x = floats(&call, 1, n);
  if (call.failed) return NULL;
  double total = 0;
  for (int64_t i = 0; i < n; i++) total += x[i];
  return number_value(env, total);
}

static napi_value fill(napi_env env, napi_callback_info info) {
  Call call = begin(env, info);
  int64_t n = count(&call, 0);
  float value = (float)num(&call, 1);
  float *x = floats(&call, 2, n);
  if (call.failed) return NULL;
  if (value == 0) memset(x, 0, (size_t)n * sizeof(float));
  else for (int64_t i = 0; i < n; i++) x[i] = value;
  return NULL;
}

static napi_value add_row_vector(napi_env env, napi_callback_info info) {
  Call call = begin(env, info);
  int64_t rows = count(&call, 0), cols = count(&call, 1);
  float *v = floats(&call, 2, cols), *x = floats(&call, 3, rows * cols);
  if (call.failed) return NULL;
  for (int64_t i = 0; i < rows; i++) {
    float *row = x + i * cols;
    for (int64_t j = 0; j < cols; j++) row[j] += v[j];
  }
  return NULL;
}

static napi_value add_column_sums(napi_env env, napi_callback_info info) {
  Call call = begin(env, info);
  int64_t rows = count(&call, 0), cols = count(&call, 1);
  float *x = floats(&call, 2, rows * cols), *out = floats(&call, 3, cols);
  if (call.failed) return NULL;
  for (int64_t i = 0; i < rows; i++) {
    const float *row = x + i * cols;
    for (int64_t j = 0; j < cols; j++) out[j] += row[j];
  }
  return NULL;
}

static napi_value relu(napi_env env, napi_callback_info info) {
  Call call = begin(env, info);
  int64_t n = count(&call, 0);
  float *z = floats(&call, 1, n), *a = floats(&call, 2, n);
  if (call.failed) return NULL;
  for (int64_t i = 0; i < n; i++) a[i] = z[i] > 0 ? z[i] : 0;
  return NULL;
}

static napi_value relu_backward(napi_env env, napi_callback_info info) {
  Call call = begin(env, info);
  int64_t n = count(&call, 0);
  float *z = floats(&call, 1, n), *da = floats(&call, 2, n), *dz = floats(&call, 3, n);
  if (call.failed) return NULL;
  for (int64_t i = 0; i < n; i++) dz[i] = z[i] > 0 ? da[i] : 0;
  return NULL;
}

/* ---- fused steps -------------------------------------------------------------------- */

/*
 * One row of softmax cross-entropy (losses.ts): adds −log p_y to *total, writes
 * dr = (softmax(s) − onehot(y)) / batch when dr is given; returns 1 when the highest
 * score is the label's.
 */
static int softmax_row(const float *s, int64_t y, int64_t classes, int64_t batch, float *dr, double *total) {
  double max = s[0];
  int64_t argmax = 0;
  for (int64_t j = 1; j < classes; j++) if (s[j] > max) { max = s[j]; argmax = j; }
  double sum_exp = 0;
  for (int64_t j = 0; j < classes; j++) sum_exp += exp((double)s[j] - max);
  *total += log(sum_exp) - ((double)s[y] - max);
  if (dr) {
    for (int64_t j = 0; j < classes; j++) {
      double p = exp((double)s[j] - max) / sum_exp;
      dr[j] = (float)((p - (j == y ? 1.0 : 0.0)) / (double)batch);
    }
  }
  return argmax == y;
}

/* One row of the multiclass hinge loss with margin 1 (losses.ts), as softmax_row. */
static int svm_row(const float *s, int64_t y, int64_t classes, int64_t batch, float *dr, double *total) {
  double sy = s[y];
  int64_t violators = 0, argmax = 0;
  for (int64_t j = 0; j < classes; j++) {
    if (s[j] > s[argmax]) argmax = j;
    if (j == y) continue;
    double margin = (double)s[j] - sy + 1;
    if (margin > 0) { *total += margin; violators++; }
    if (dr) dr[j] = margin > 0 ? (float)(1.0 / (double)batch) : 0.0f;
  }
  if (dr) dr[y] = (float)(-(double)violators / (double)batch);
  return argmax == y;
}

/*
 * loss(kind, batch, classes, scores, labels, dScores|null, result): kind 0 softmax
 * cross-entropy, 1 SVM. result (Float64Array)[0] = mean loss, result[1] = rows whose
 * highest score is the label; dScores, when given, gets the gradient of the mean loss.
 */
static napi_value loss(napi_env env, napi_callback_info info) {
  Call call = begin(env, info);
  int64_t kind = count(&call, 0), batch = count(&call, 1), classes = count(&call, 2);
  float *scores = floats(&call, 3, batch * classes);
  int32_t *labels = (int32_t *)array(&call, 4, napi_int32_array, batch);
  float *d = optional_floats(&call, 5, batch * classes);
  double *result = (double *)array(&call, 6, napi_float64_array, 2);
  if (call.failed) return NULL;
  if (classes < 1) { fail(&call, "need at least one class"); return NULL; }
  double total = 0;
  int64_t correct = 0;
  for (int64_t i = 0; i < batch; i++) {
    int32_t y = labels[i];
    if (y < 0 || y >= classes) { fail(&call, "label outside 0..classes-1"); return NULL; }
    float *dr = d ? d + i * classes : NULL;
    correct += kind == 0 ? softmax_row(scores + i * classes, y, classes, batch, dr, &total)
                         : svm_row(scores + i * classes, y, classes, batch, dr, &total);
  }
  result[0] = batch > 0 ? total / (double)batch : 0;
  result[1] = (double)correct;
  return NULL;
}

/*
 * optimizer_step(kind, n, w, dw, slot0|null, slot1|null, hyper, sums): one parameter's
 * update in one pass. hyper (Float64Array) = [lr, l1, l2, mu, beta1, beta2, eps,
 * correction1, correction2]. The gradient used is g = dw + l1·sign(w) + 2·l2·w (the
 * regularisation gradient, as regularizers.ts adds it; dw itself is left as backward
 * wrote it), then
 *   kind 0 SGD:       w ← w − lr·g
 *   kind 1 momentum:  v ← μv − lr·g;  w ← w + v
 *   kind 2 Adam:      m ← β1m + (1−β1)g;  v ← β2v + (1−β2)g²;  w ← w − lr·(m/c1)/(√(v/c2) + ε)
 * sums (Float64Array) = [Σ|w| before, Σw² before, Σw after] (regularisation loss and the
 * finiteness check, without reading the weights again).
 *
 * float arithmetic so the loop vectorises (Adam's √(v/c2) as √v·(1/√c2)); sums go into
 * float partial sums over blocks of BLOCK values, added up in double.
 */
#define BLOCK 256

#if defined(__GNUC__) && !defined(__clang__)
/* lets GCC vectorise the block sums (reordering float additions within a block) */
#define VECTORIZE_SUMS __attribute__((optimize("associative-math,no-signed-zeros,no-trapping-math")))
#else
#define VECTORIZE_SUMS
#endif

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
/*
 * The update loops also in an AVX2 version, picked at load time where the CPU has it
 * (8 floats a step instead of SSE's 4; the build serves any x86-64). No FMA: products and
 * sums are rounded as in the baseline version (the build is ISO C, no contraction), so
 * each weight gets the same value on either; only the order of the block sums differs.
 */
#define UPDATE_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define UPDATE_CLONES
#endif

typedef struct {
  float lr, l1, l2x2, mu, beta1, beta2, one_minus_beta1, one_minus_beta2, eps, step_size, inv_sqrt_c2;
} Update;

/* the regularised gradient of one weight: dw + 2·l2·w + l1·sign(w) (sign as a select, so it vectorises) */
#define REGULARIZED(dwi, wi, u) ((dwi) + (u).l2x2 * (wi) + (u).l1 * (((wi) > 0 ? 1.0f : 0.0f) - ((wi) < 0 ? 1.0f : 0.0f)))

/*
 * One loop per rule, so each vectorises (a rule chosen inside the loop keeps GCC from
 * it). Block sums in float, added into sums[] in double.
 */
VECTORIZE_SUMS UPDATE_CLONES
static void sgd_block(Update u, int64_t count, float *restrict w, const float *restrict dw, double *restrict sums) {
  float sum_abs = 0, sum_sq = 0, sum_after = 0;
  for (int64_t i = 0; i < count; i++) {
    float wi = w[i];
    sum_abs += fabsf(wi);
    sum_sq += wi * wi;
    wi -= u.lr * REGULARIZED(dw[i], wi, u);
    w[i] = wi;
    sum_after += wi;
  }
  sums[0] += sum_abs; sums[1] += sum_sq; sums[2] += sum_after;
}

VECTORIZE_SUMS UPDATE_CLONES
static void momentum_block(Update u, int64_t count, float *restrict w, const float *restrict dw, float *restrict velocity, double *restrict sums) {
  float sum_abs = 0, sum_sq = 0, sum_after = 0;
  for (int64_t i = 0; i < count; i++) {
    float wi = w[i];
    sum_abs += fabsf(wi);
    sum_sq += wi * wi;
    float v = u.mu * velocity[i] - u.lr * REGULARIZED(dw[i], wi, u);
    velocity[i] = v;
    wi += v;
    w[i] = wi;
    sum_after += wi;
  }
  sums[0] += sum_abs; sums[1] += sum_sq; sums[2] += sum_after;
}

VECTORIZE_SUMS UPDATE_CLONES
static void adam_block(Update u, int64_t count, float *restrict w, const float *restrict dw, float *restrict first, float *restrict second, double *restrict sums) {
  float sum_abs = 0, sum_sq = 0, sum_after = 0;
  for (int64_t i = 0; i < count; i++) {
    float wi = w[i];
    sum_abs += fabsf(wi);
    sum_sq += wi * wi;
    float g = REGULARIZED(dw[i], wi, u);
    float m = u.beta1 * first[i] + u.one_minus_beta1 * g;
    float v = u.beta2 * second[i] + u.one_minus_beta2 * g * g;
    first[i] = m;
    second[i] = v;
    wi -= u.step_size * m / (sqrtf(v) * u.inv_sqrt_c2 + u.eps);
    w[i] = wi;
    sum_after += wi;
  }
  sums[0] += sum_abs; sums[1] += sum_sq; sums[2] += sum_after;
}

static napi_value optimizer_step(napi_env env, napi_callback_info info) {
  Call call = begin(env, info);
  int64_t kind = count(&call, 0), n = count(&call, 1);
  float *w = floats(&call, 2, n), *dw = floats(&call, 3, n);
  float *s0 = kind >= 1 ? floats(&call, 4, n) : NULL;
  float *s1 = kind == 2 ? floats(&call, 5, n) : NULL;
  double *hyper = (double *)array(&call, 6, napi_float64_array, 9);
  double *sums = (double *)array(&call, 7, napi_float64_array, 3);
  if (call.failed) return NULL;
  if (kind > 2) { fail(&call, "unknown optimizer kind"); return NULL; }
  Update u = {
    .lr = (float)hyper[0], .l1 = (float)hyper[1], .l2x2 = (float)(2 * hyper[2]), .mu = (float)hyper[3],
    .beta1 = (float)hyper[4], .beta2 = (float)hyper[5], .eps = (float)hyper[6],
    .one_minus_beta1 = 1 - (float)hyper[4], .one_minus_beta2 = 1 - (float)hyper[5],
    .step_size = kind == 2 ? (float)(hyper[0] / hyper[7]) : 0, .inv_sqrt_c2 = kind == 2 ? (float)(1 / sqrt(hyper[8])) : 0,
  };
  sums[0] = sums[1] = sums[2] = 0;
  for (int64_t start = 0; start < n; start += BLOCK) {
    int64_t here = n - start < BLOCK ? n - start : BLOCK;
    if (kind == 0) sgd_block(u, here, w + start, dw + start, sums);
    else if (kind == 1) momentum_block(u, here, w + start, dw + start, s0 + start, sums);
    else adam_block(u, here, w + start, dw + start, s0 + start, s1 + start, sums);
  }
  return NULL;
}

/* ---- module ------------------------------------------------------------------------- */

static napi_value blas_info(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value result;
#ifdef __APPLE__
  napi_create_string_utf8(env, "Accelerate", NAPI_AUTO_LENGTH, &result);
#elif defined(HAVE_OPENBLAS_THREADS)
  napi_create_string_utf8(env, openblas_get_config(), NAPI_AUTO_LENGTH, &result);
#else
  napi_create_string_utf8(env, "cblas", NAPI_AUTO_LENGTH, &result);
#endif
  return result;
}

NAPI_MODULE_INIT() {
  const struct { const char *name; napi_callback fn; } functions[] = {
    {"gemm", gemm}, {"axpby", axpby}, {"dot", dot}, {"sum", sum}, {"fill", fill},
    {"addRowVector", add_row_vector}, {"addColumnSums", add_column_sums},
    {"relu", relu}, {"reluBackward", relu_backward},
    {"loss", loss},
    {"optimizerStep", optimizer_step}, {"blasInfo", blas_info},
  };
  for (size_t i = 0; i < sizeof(functions) / sizeof(functions[0]); i++) {
    napi_value fn;
    napi_create_function(env, functions[i].name, NAPI_AUTO_LENGTH, functions[i].fn, NULL, &fn);
    napi_set_named_property(env, exports, functions[i].name, fn);
  }
  return exports;
}
