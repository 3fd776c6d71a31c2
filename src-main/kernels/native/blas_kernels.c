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
#define NAPI_VERSION 8
#include <node_api.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

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

#ifdef HAVE_OPENBLAS_THREADS
static int current_threads = -1;
#endif

/*
 * gemm(transA, transB, m, n, k, alpha, a, b, beta, c, threads): C = alpha·op(A)·op(B) + beta·C,
 * row-major, leading dimensions those of densely stored operands. `threads` is how many
 * threads BLAS may use for this product (the caller decides which products are worth it).
 */
static napi_value gemm(napi_env env, napi_callback_info info) {
  Call call = begin(env, info);
  int trans_a = num(&call, 0) != 0, trans_b = num(&call, 1) != 0;
  int64_t m = count(&call, 2), n = count(&call, 3), k = count(&call, 4);
  float alpha = (float)num(&call, 5);
  float *a = floats(&call, 6, m * k), *b = floats(&call, 7, k * n);
  float beta = (float)num(&call, 8);
  float *c = floats(&call, 9, m * n);
  int64_t threads = count(&call, 10);
  if (call.failed) return NULL;
  if (m > INT32_MAX || n > INT32_MAX || k > INT32_MAX) { fail(&call, "matrix side too large for BLAS"); return NULL; }
  if (m == 0 || n == 0) return NULL;
#ifdef HAVE_OPENBLAS_THREADS
  if (threads < 1) threads = 1;
  if (threads != current_threads) {
    openblas_set_num_threads((int)threads);
    current_threads = (int)threads;
  }
#else
  (void)threads;
#endif
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
#define VECTORISE_SUMS __attribute__((optimize("associative-math,no-signed-zeros,no-trapping-math")))
#else
#define VECTORISE_SUMS
#endif

typedef struct {
  int kind;
  float lr, l1, l2x2, mu, beta1, beta2, eps, step_size, inv_sqrt_c2;
} Update;

VECTORISE_SUMS
static void update_block(const Update *u, int64_t count, float *restrict w, const float *restrict dw,
                         float *restrict s0, float *restrict s1, double *restrict sums) {
  float sum_abs = 0, sum_sq = 0, sum_after = 0;
  for (int64_t i = 0; i < count; i++) {
    float wi = w[i];
    sum_abs += fabsf(wi);
    sum_sq += wi * wi;
    float g = dw[i] + u->l2x2 * wi + u->l1 * (float)((wi > 0) - (wi < 0));
    if (u->kind == 0) {
      wi -= u->lr * g;
    } else if (u->kind == 1) {
      float v = u->mu * s0[i] - u->lr * g;
      s0[i] = v;
      wi += v;
    } else {
      float m = u->beta1 * s0[i] + (1 - u->beta1) * g;
      float v = u->beta2 * s1[i] + (1 - u->beta2) * g * g;
      s0[i] = m;
      s1[i] = v;
      wi -= u->step_size * m / (sqrtf(v) * u->inv_sqrt_c2 + u->eps);
    }
    w[i] = wi;
    sum_after += wi;
  }
  sums[0] += sum_abs;
  sums[1] += sum_sq;
  sums[2] += sum_after;
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
  if (kind > 2) { fail(&call, "unknown optimiser kind"); return NULL; }
  Update u = {
    .kind = (int)kind, .lr = (float)hyper[0], .l1 = (float)hyper[1], .l2x2 = (float)(2 * hyper[2]), .mu = (float)hyper[3],
    .beta1 = (float)hyper[4], .beta2 = (float)hyper[5], .eps = (float)hyper[6],
    .step_size = kind == 2 ? (float)(hyper[0] / hyper[7]) : 0, .inv_sqrt_c2 = kind == 2 ? (float)(1 / sqrt(hyper[8])) : 0,
  };
  sums[0] = sums[1] = sums[2] = 0;
  for (int64_t start = 0; start < n; start += BLOCK) {
    int64_t count_here = n - start < BLOCK ? n - start : BLOCK;
    update_block(&u, count_here, w + start, dw + start, s0 ? s0 + start : NULL, s1 ? s1 + start : NULL, sums);
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
