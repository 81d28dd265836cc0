// RUN: mlc-opt %s --split-input-file --verify-diagnostics | FileCheck %s

// CHECK-LABEL: func @reshape_static
func.func @reshape_static(%x: tensor<2x3x4xf32>) -> tensor<2x12xf32> {
  %none = graph.none
  // CHECK: graph.reshape %{{.*}}, %{{.*}} {static_shape = array<i64: 0, -1>}
  %0 = graph.reshape %x, %none {static_shape = array<i64: 0, -1>} : (tensor<2x3x4xf32>, none) -> tensor<2x12xf32>
  return %0 : tensor<2x12xf32>
}

// -----

// CHECK-LABEL: func @reshape_dynamic
func.func @reshape_dynamic(%x: tensor<2x3x4xf32>, %s: tensor<3xi64>) -> tensor<?x?x?xf32> {
  // CHECK: graph.reshape %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<3xi64>) -> tensor<?x?x?xf32>
  %0 = graph.reshape %x, %s : (tensor<2x3x4xf32>, tensor<3xi64>) -> tensor<?x?x?xf32>
  return %0 : tensor<?x?x?xf32>
}

// -----

func.func @reshape_bad_count(%x: tensor<2x3x4xf32>) -> tensor<5x5xf32> {
  %none = graph.none
  // expected-error @+1 {{cannot reshape 'tensor<2x3x4xf32>' (24 elements) into 25 elements}}
  %0 = graph.reshape %x, %none {static_shape = array<i64: 5, 5>} : (tensor<2x3x4xf32>, none) -> tensor<5x5xf32>
  return %0 : tensor<5x5xf32>
}

// -----

func.func @reshape_two_minus_one(%x: tensor<2x3x4xf32>) -> tensor<?x?xf32> {
  %none = graph.none
  // expected-error @+1 {{shape has more than one -1}}
  %0 = graph.reshape %x, %none {static_shape = array<i64: -1, -1>} : (tensor<2x3x4xf32>, none) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @reshape_wrong_declared(%x: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  %none = graph.none
  // expected-error @+1 {{result #0 is declared 'tensor<4x6xf32>' but its operands and attributes give 'tensor<2x12xf32>'}}
  %0 = graph.reshape %x, %none {static_shape = array<i64: 2, 12>} : (tensor<2x3x4xf32>, none) -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}
