// RUN: mlc-opt %s --mlc-softmax-kernels --canonicalize | FileCheck %s

// 6 rows of 20: a parallel loop over the rows; per row the maximum (one
// vector and a masked tail padded with -inf, vmaxps: nnan), exp(x - max)
// stored and summed, then the stored values times 1 / sum.
// CHECK-LABEL: func.func @softmax(
// CHECK-DAG: %[[X:.*]] = memref.collapse_shape %arg0 {{.*}} into memref<6x20xf32>
// CHECK-DAG: %[[Y:.*]] = memref.collapse_shape %arg1 {{.*}} into memref<6x20xf32>
// CHECK-DAG: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: scf.parallel (%[[R:.*]]) =
// CHECK: vector.load %[[X]][%[[R]], %c0] : memref<6x20xf32>, vector<16xf32>
// CHECK: vector.transfer_read %[[X]][%[[R]], %c16], %[[NINF]]
// CHECK: arith.maximumf {{.*}} fastmath<nnan,nsz>
// CHECK: vector.reduction <maxnumf>
// CHECK: math.exp
// CHECK: vector.store {{.*}}, %[[Y]][%[[R]], %c0]
// CHECK: math.exp
// CHECK: vector.transfer_write {{.*}}, %[[Y]][%[[R]], %c16]
// CHECK: vector.reduction <add>
// CHECK: arith.divf
// CHECK: vector.load %[[Y]][%[[R]], %c0]
// CHECK: arith.mulf
// CHECK: vector.store {{.*}}, %[[Y]][%[[R]], %c0]
// CHECK: vector.transfer_write {{.*}}, %[[Y]][%[[R]], %c16]
// CHECK-NOT: graph.fused_softmax
func.func @softmax(%x: memref<2x3x20xf32>, %y: memref<2x3x20xf32>) {
  graph.fused_softmax input(%x : memref<2x3x20xf32>) init(%y : memref<2x3x20xf32>)
  return
}
