// RUN: mlc-opt %s --split-input-file --mlc-legalize-empty-buffers | FileCheck %s
// RUN: mlc-opt %s --split-input-file --mlc-legalize-empty-buffers -finalize-memref-to-llvm -convert-func-to-llvm=use-bare-ptr-memref-call-conv -reconcile-unrealized-casts | FileCheck %s --check-prefix=LLVM

// A zero-element input (ReduceSum over an empty axis): the argument becomes
// bytes, the body reads a zero-sized alloca; the other arguments stay.
// CHECK-LABEL: func.func @k(
// CHECK-SAME: %[[A:.*]]: memref<0xi8>, %[[B:.*]]: memref<2x1x4xf32>, %[[C:.*]]: memref<0xi8>)
// CHECK: %[[S:.*]] = memref.alloca() : memref<2x0x4xf32>
// CHECK: memref.copy %[[S]], %
// LLVM-LABEL: llvm.func @k(
// LLVM-SAME: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
func.func @k(%a: memref<2x0x4xf32>, %b: memref<2x1x4xf32>, %arena: memref<0xi8>) {
  %v = memref.reinterpret_cast %b to offset: [0], sizes: [2, 0, 4], strides: [4, 4, 1] : memref<2x1x4xf32> to memref<2x0x4xf32, strided<[4, 4, 1]>>
  memref.copy %a, %v : memref<2x0x4xf32> to memref<2x0x4xf32, strided<[4, 4, 1]>>
  return
}

// -----

// Private functions (outlined loop bodies) are not kernels: unchanged.
// CHECK-LABEL: func.func private @p(
// CHECK-SAME: memref<3x0xf32>
// CHECK-NOT: alloca
func.func private @p(%a: memref<3x0xf32>) {
  return
}
