/* fma_peak.c - the machine's fp32 FMA peak on 1 and on 2 threads.
 *
 * Each thread runs a loop of fused multiply-adds on ACC independent vector
 * accumulators (enough to cover the FMA latency on every FMA port), pinned to
 * its own CPU of the process's affinity set, and the aggregate GFLOP/s is
 * printed. Used by bench.py for "% of peak" and to check that a second
 * thread really gets a second core (BENCHMARKING.md: >= 1.9x or the 2-thread
 * figures are discarded).
 *
 *   clang-19 -O2 -march=native -pthread fma_peak.c -o fma_peak
 *   fma_peak [SECONDS_PER_TRIAL]     (default 0.2; 5 trials per thread count)
 *
 * Output, one line each ("isa" is avx512 or avx2), the median and the best of
 * the trials (the best is the peak; the medians give the scaling check):
 *   isa avx512
 *   threads 1 gflops 266.9 best 267.3
 *   threads 2 gflops 531.2 best 532.0   (only with 2 CPUs in the affinity set)
 */
#define _GNU_SOURCE
#include <immintrin.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#if defined(__AVX512F__)
#define ISA "avx512"
typedef __m512 vec;
#define LANES 16
#define SET1 _mm512_set1_ps
#define FMA _mm512_fmadd_ps
#define ADD _mm512_add_ps
#define STORE _mm512_storeu_ps
#elif defined(__AVX2__) && defined(__FMA__)
#define ISA "avx2"
typedef __m256 vec;
#define LANES 8
#define SET1 _mm256_set1_ps
#define FMA _mm256_fmadd_ps
#define ADD _mm256_add_ps
#define STORE _mm256_storeu_ps
#else
#error "fma_peak needs AVX-512F or AVX2+FMA (compile with -march=native)"
#endif

/* 2 FMA pipes x 4-cycle latency = 8 FMAs in flight; 12 leaves margin. */
#define ACC 12
#define INNER 1000 /* FMAs per accumulator per timed block */

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Runs `blocks` blocks; returns a sum so the work cannot be optimized out. */
static float __attribute__((noinline)) kernel(long blocks, float seed) {
  vec acc[ACC];
  for (int i = 0; i < ACC; ++i)
    acc[i] = SET1(seed + (float)i);
  /* a * x + b with a ~ 1 keeps values finite over billions of iterations. */
  vec a = SET1(0.999999f), b = SET1(1e-7f);
  for (long blk = 0; blk < blocks; ++blk) {
    for (int it = 0; it < INNER; ++it) {
#pragma clang loop unroll(full)
      for (int i = 0; i < ACC; ++i)
        acc[i] = FMA(acc[i], a, b);
    }
    /* keep the compiler from collapsing the loop nest */
    __asm__ volatile("" : "+m"(acc));
  }
  vec s = acc[0];
  for (int i = 1; i < ACC; ++i)
    s = ADD(s, acc[i]);
  float out[LANES];
  STORE(out, s);
  float r = 0;
  for (int i = 0; i < LANES; ++i)
    r += out[i];
  return r;
}

typedef struct {
  int cpu;
  long blocks;
  pthread_barrier_t *barrier;
  double seconds;
  float sink;
} job;

static void *worker(void *p) {
  job *j = p;
  if (j->cpu >= 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(j->cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
  }
  kernel(j->blocks / 10 + 1, 1.0f); /* warm up: clocks, AVX-512 licence */
  pthread_barrier_wait(j->barrier);
  double t0 = now();
  j->sink = kernel(j->blocks, (float)j->cpu);
  j->seconds = now() - t0;
  return NULL;
}

/* Aggregate GFLOP/s of `threads` threads each running `blocks` blocks. */
static double trial(int threads, const int *cpus, long blocks) {
  pthread_t tid[64];
  job jobs[64];
  pthread_barrier_t barrier;
  pthread_barrier_init(&barrier, NULL, threads);
  for (int t = 0; t < threads; ++t) {
    jobs[t] = (job){cpus[t], blocks, &barrier, 0, 0};
    pthread_create(&tid[t], NULL, worker, &jobs[t]);
  }
  double worst = 0, sink = 0;
  for (int t = 0; t < threads; ++t) {
    pthread_join(tid[t], NULL);
    if (jobs[t].seconds > worst)
      worst = jobs[t].seconds;
    sink += jobs[t].sink;
  }
  pthread_barrier_destroy(&barrier);
  if (sink == 12345.678) /* never: uses the result */
    puts("");
  double flops = 2.0 * LANES * ACC * (double)INNER * blocks * threads;
  return flops / worst * 1e-9;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  double seconds = argc > 1 ? atof(argv[1]) : 0.2;
  if (seconds <= 0)
    seconds = 0.2;
  cpu_set_t set;
  CPU_ZERO(&set);
  sched_getaffinity(0, sizeof(set), &set);
  int cpus[64], n = 0;
  for (int c = 0; c < CPU_SETSIZE && n < 64; ++c)
    if (CPU_ISSET(c, &set))
      cpus[n++] = c;

  /* Calibrate the block count to about `seconds` on one thread. */
  long blocks = 100;
  for (;;) {
    double t0 = now();
    kernel(blocks, 1.0f);
    double dt = now() - t0;
    if (dt > 0.02) {
      blocks = (long)(blocks * seconds / dt) + 1;
      break;
    }
    blocks *= 4;
  }

  printf("isa %s\n", ISA);
  int maxThreads = n >= 2 ? 2 : 1;
  for (int threads = 1; threads <= maxThreads; ++threads) {
    enum { TRIALS = 5 };
    double g[TRIALS];
    for (int r = 0; r < TRIALS; ++r)
      g[r] = trial(threads, cpus, blocks);
    qsort(g, TRIALS, sizeof(double), cmp);
    printf("threads %d gflops %.1f best %.1f\n", threads, g[TRIALS / 2],
           g[TRIALS - 1]);
    fflush(stdout);
  }
  return 0;
}
