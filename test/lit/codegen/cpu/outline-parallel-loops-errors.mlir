// RUN: mlc-opt %s --mlc-outline-parallel-loops=min-work=1 --verify-diagnostics

// A declaration that does not match the runtime's is an error.
// expected-error @+1 {{'mlc_rt_parallel_for' is declared with another type than the runtime's}}
func.func private @mlc_rt_parallel_for(i64)

func.func @clash(%a: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%i) = (%c0) to (%c64) step (%c1) {
    memref.store %zero, %a[%i] : memref<64xf32>
    scf.reduce
  }
  return
}
