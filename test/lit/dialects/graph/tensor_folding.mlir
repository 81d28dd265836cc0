// RUN: mlc-opt %s --split-input-file --mlc-simplify-graph | FileCheck %s

// The Shape/Gather/Concat/Reshape arithmetic of exported models folds into a
// static reshape.
// CHECK-LABEL: func @shape_arith
// CHECK-SAME: -> tensor<2x12xf32>
// CHECK-NOT: graph.shape
// CHECK-NOT: graph.gather
// CHECK-NOT: graph.concat
// CHECK: graph.reshape %{{.*}}, %{{.*}} {static_shape = array<i64: 2, -1>}
func.func @shape_arith(%x: tensor<2x3x4xf32>) -> tensor<?x?xf32> {
  %s = graph.shape %x : (tensor<2x3x4xf32>) -> tensor<3xi64>
  %i = graph.constant dense<0> : tensor<1xi64>
  %d = graph.gather %s, %i {axis = 0 : i64} : (tensor<3xi64>, tensor<1xi64>) -> tensor<1xi64>
  %m = graph.constant dense<-1> : tensor<1xi64>
  %t = graph.concat %d, %m {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %r = graph.reshape %x, %t : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func @shape_slice
// CHECK: graph.constant dense<[3, 4]> : tensor<2xi64>
func.func @shape_slice(%x: tensor<2x3x4xf32>) -> tensor<2xi64> {
  %s = graph.shape %x {start = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2xi64>
  return %s : tensor<2xi64>
}

// -----

// A dynamic dimension keeps the shape op.
// CHECK-LABEL: func @shape_dynamic
// CHECK: graph.shape
func.func @shape_dynamic(%x: tensor<?x3xf32>) -> tensor<2xi64> {
  %s = graph.shape %x : (tensor<?x3xf32>) -> tensor<2xi64>
  return %s : tensor<2xi64>
}
