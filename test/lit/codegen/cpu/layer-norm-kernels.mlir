// RUN: mlc-opt %s --mlc-layer-norm-kernels --canonicalize | FileCheck %s

// 6 rows of 20: a parallel loop over the rows; per row the sum (one vector
// and a masked tail padded with 0), the squared deviations (tail padded
// with the mean), then the normalized vectors stored (masked tail).
// CHECK-LABEL: func.func @layer_norm(
// CHECK-DAG: %[[X:.*]] = memref.collapse_shape %arg0 {{.*}} into memref<6x20xf32>
// CHECK-DAG: %[[Y:.*]] = memref.collapse_shape %arg3 {{.*}} into memref<6x20xf32>
// CHECK: scf.parallel (%[[R:.*]]) =
// CHECK: vector.load %[[X]][%[[R]], %c0] : memref<6x20xf32>, vector<16xf32>
// CHECK: vector.transfer_read %[[X]][%[[R]], %c16], %cst
// CHECK: vector.reduction <add>
// CHECK: %[[MEAN:.*]] = arith.mulf
// CHECK: vector.transfer_read %[[X]][%[[R]], %c16], %[[MEAN]]
// CHECK: vector.reduction <add>
// CHECK: math.sqrt
// CHECK: vector.store {{.*}}, %[[Y]][%[[R]], %c0]
// CHECK: vector.transfer_write {{.*}}, %[[Y]][%[[R]], %c16]
// CHECK-NOT: graph.fused_layer_norm
func.func @layer_norm(%x: memref<2x3x20xf32>, %g: memref<20xf32>, %b: memref<20xf32>, %y: memref<2x3x20xf32>) {
  graph.fused_layer_norm input(%x : memref<2x3x20xf32>) scale(%g : memref<20xf32>) bias(%b : memref<20xf32>) init(%y : memref<2x3x20xf32>) {epsilon = 1.0e-5 : f32}
  return
}
