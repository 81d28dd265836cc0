// RUN: mlc-opt %s --split-input-file --verify-diagnostics | FileCheck %s

//===----------------------------------------------------------------------===//
// matmul
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func @matmul_batched
func.func @matmul_batched(%a: tensor<2x1x3x4xf32>, %b: tensor<5x4x6xf32>) -> tensor<2x5x3x6xf32> {
  // CHECK: graph.matmul %{{.*}}, %{{.*}} : (tensor<2x1x3x4xf32>, tensor<5x4x6xf32>) -> tensor<2x5x3x6xf32>
  %0 = graph.matmul %a, %b : (tensor<2x1x3x4xf32>, tensor<5x4x6xf32>) -> tensor<2x5x3x6xf32>
  return %0 : tensor<2x5x3x6xf32>
}

// -----

// CHECK-LABEL: func @matmul_vectors
func.func @matmul_vectors(%a: tensor<4xf32>, %b: tensor<4xf32>, %c: tensor<3x4x?xf32>) -> (tensor<f32>, tensor<3x?xf32>) {
  // CHECK: -> tensor<f32>
  %0 = graph.matmul %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
  // CHECK: -> tensor<3x?xf32>
  %1 = graph.matmul %a, %c : (tensor<4xf32>, tensor<3x4x?xf32>) -> tensor<3x?xf32>
  return %0, %1 : tensor<f32>, tensor<3x?xf32>
}

// -----

func.func @matmul_scalar(%a: tensor<f32>, %b: tensor<4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{operands must have rank at least 1}}
  %0 = graph.matmul %a, %b : (tensor<f32>, tensor<4xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @matmul_contraction(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{contraction dimensions differ (3 vs 4)}}
  %0 = graph.matmul %a, %b : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @matmul_batch(%a: tensor<2x2x3xf32>, %b: tensor<3x3x5xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{batch dimensions do not broadcast}}
  %0 = graph.matmul %a, %b : (tensor<2x2x3xf32>, tensor<3x3x5xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @matmul_types(%a: tensor<2x3xf32>, %b: tensor<3x5xf16>) -> tensor<*xf32> {
  // expected-error @+1 {{operands have different element types}}
  %0 = graph.matmul %a, %b : (tensor<2x3xf32>, tensor<3x5xf16>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @matmul_declared(%a: tensor<2x3xf32>, %b: tensor<3x5xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{result #0 is declared 'tensor<2x4xf32>' but its operands and attributes give 'tensor<2x5xf32>'}}
  %0 = graph.matmul %a, %b : (tensor<2x3xf32>, tensor<3x5xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

//===----------------------------------------------------------------------===//
// gemm
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @gemm
func.func @gemm(%a: tensor<4x3xf32>, %b: tensor<5x4xf32>, %c: tensor<1x5xf32>) -> tensor<3x5xf32> {
  // CHECK: graph.gemm %{{.*}}, %{{.*}}, %{{.*}} {alpha = 2.500000e-01 : f32, beta = 3.500000e-01 : f32, trans_a = true, trans_b = true}
  %0 = graph.gemm %a, %b, %c {alpha = 0.25 : f32, beta = 0.35 : f32, trans_a = true, trans_b = true} : (tensor<4x3xf32>, tensor<5x4xf32>, tensor<1x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// c fixes a dynamic dimension of the result.
// CHECK-LABEL: func @gemm_no_bias
func.func @gemm_no_bias(%a: tensor<?x3xf32>, %b: tensor<3x?xf32>, %c: tensor<2x1xf32>) -> (tensor<?x?xf32>, tensor<2x?xf32>) {
  %none = graph.none
  // CHECK: -> tensor<?x?xf32>
  %0 = graph.gemm %a, %b, %none : (tensor<?x3xf32>, tensor<3x?xf32>, none) -> tensor<?x?xf32>
  // CHECK: -> tensor<2x?xf32>
  %1 = graph.gemm %a, %b, %c : (tensor<?x3xf32>, tensor<3x?xf32>, tensor<2x1xf32>) -> tensor<2x?xf32>
  return %0, %1 : tensor<?x?xf32>, tensor<2x?xf32>
}

// -----

func.func @gemm_rank_a(%a: tensor<2x4x3xf32>, %b: tensor<3x5xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{operand a must be 2-D, has rank 3}}
  %0 = graph.gemm %a, %b, %none : (tensor<2x4x3xf32>, tensor<3x5xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @gemm_rank_b(%a: tensor<4x3xf32>, %b: tensor<3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{operand b must be 2-D, has rank 1}}
  %0 = graph.gemm %a, %b, %none : (tensor<4x3xf32>, tensor<3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @gemm_contraction(%a: tensor<4x3xf32>, %b: tensor<4x5xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{contraction dimensions differ (3 vs 4)}}
  %0 = graph.gemm %a, %b, %none : (tensor<4x3xf32>, tensor<4x5xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @gemm_types(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>, %c: tensor<5xf16>) -> tensor<*xf32> {
  // expected-error @+1 {{operands have different element types}}
  %0 = graph.gemm %a, %b, %c : (tensor<4x3xf32>, tensor<3x5xf32>, tensor<5xf16>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @gemm_c_rank(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>, %c: tensor<1x4x5xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{operand c must have rank at most 2, has rank 3}}
  %0 = graph.gemm %a, %b, %c : (tensor<4x3xf32>, tensor<3x5xf32>, tensor<1x4x5xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @gemm_c_broadcast(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>, %c: tensor<3x5xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{operand c of type 'tensor<3x5xf32>' does not broadcast to the result 4x5}}
  %0 = graph.gemm %a, %b, %c : (tensor<4x3xf32>, tensor<3x5xf32>, tensor<3x5xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

//===----------------------------------------------------------------------===//
// einsum
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @einsum
func.func @einsum(%x: tensor<5x2x3xf32>, %y: tensor<5x3x4xf32>, %d: tensor<7x3x5x5xf32>, %u: tensor<*xf32>) -> (tensor<5x2x4xf32>, tensor<7x3x5xf32>, tensor<f32>, tensor<*xf32>, tensor<4x?xf32>) {
  // CHECK: graph.einsum %{{.*}}, %{{.*}} {equation = "bij,bjk->bik"} : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
  %0 = graph.einsum %x, %y {equation = "bij,bjk->bik"} : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
  // CHECK: -> tensor<7x3x5xf32>
  %1 = graph.einsum %d {equation = "...ii->...i"} : (tensor<7x3x5x5xf32>) -> tensor<7x3x5xf32>
  // An implicit output: the letters that occur once (none here).
  // CHECK: -> tensor<f32>
  %2 = graph.einsum %x, %x {equation = "ijk,ijk"} : (tensor<5x2x3xf32>, tensor<5x2x3xf32>) -> tensor<f32>
  // CHECK: -> tensor<*xf32>
  %3 = graph.einsum %u {equation = "...i->..."} : (tensor<*xf32>) -> tensor<*xf32>
  // CHECK: -> tensor<4x?xf32>
  %4 = graph.einsum %y, %u {equation = "bjk,xy->ky"} : (tensor<5x3x4xf32>, tensor<*xf32>) -> tensor<4x?xf32>
  return %0, %1, %2, %3, %4 : tensor<5x2x4xf32>, tensor<7x3x5xf32>, tensor<f32>, tensor<*xf32>, tensor<4x?xf32>
}

// -----

func.func @einsum_no_inputs() -> tensor<f32> {
  // expected-error @+1 {{needs at least one input}}
  %0 = graph.einsum {equation = "->"} : () -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @einsum_dot(%x: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{equation '..i->i' has a '.' that is not part of '...'}}
  %0 = graph.einsum %x {equation = "..i->i"} : (tensor<3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @einsum_two_ellipses(%x: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{equation '...i...->i' has more than one '...' in a term}}
  %0 = graph.einsum %x {equation = "...i...->i"} : (tensor<3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @einsum_char(%x: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{equation 'i1->i' has an invalid character '1'}}
  %0 = graph.einsum %x {equation = "i1->i"} : (tensor<3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @einsum_arrows(%x: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{equation 'i->i->i' has more than one '->'}}
  %0 = graph.einsum %x {equation = "i->i->i"} : (tensor<3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @einsum_terms(%x: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{equation 'i,i->i' has 2 input terms for 1 inputs}}
  %0 = graph.einsum %x {equation = "i,i->i"} : (tensor<3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @einsum_unknown_label(%x: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{equation 'i->j' has output label 'j' that no input has}}
  %0 = graph.einsum %x {equation = "i->j"} : (tensor<3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @einsum_repeated_output(%x: tensor<3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{equation 'i->ii' repeats output label 'i'}}
  %0 = graph.einsum %x {equation = "i->ii"} : (tensor<3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @einsum_types(%x: tensor<3xf32>, %y: tensor<3xf16>) -> tensor<*xf32> {
  // expected-error @+1 {{inputs have different element types}}
  %0 = graph.einsum %x, %y {equation = "i,i->"} : (tensor<3xf32>, tensor<3xf16>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @einsum_rank(%x: tensor<3x4xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{input #0 has rank 2 but its term 'ijk' has 3 letters}}
  %0 = graph.einsum %x {equation = "ijk->i"} : (tensor<3x4xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @einsum_label_dims(%x: tensor<3x4xf32>, %y: tensor<5x2xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{label 'j' has dimensions 4 and 5}}
  %0 = graph.einsum %x, %y {equation = "ij,jk->ik"} : (tensor<3x4xf32>, tensor<5x2xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @einsum_ellipsis_broadcast(%x: tensor<2x3xf32>, %y: tensor<4x3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{the dimensions under '...' do not broadcast}}
  %0 = graph.einsum %x, %y {equation = "...i,...i->...i"} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @einsum_ellipsis_dropped(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{output must contain '...' to keep the inputs' broadcast dimensions}}
  %0 = graph.einsum %x {equation = "...i->i"} : (tensor<2x3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

//===----------------------------------------------------------------------===//
// reductions
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @reduce_static
func.func @reduce_static(%x: tensor<2x0x4xf32>, %u: tensor<*xf32>) -> (tensor<2x1x4xf32>, tensor<2xf32>, tensor<2x0x4xf32>, tensor<f32>, tensor<*xf32>) {
  %none = graph.none
  // CHECK: graph.reduce_sum %{{.*}}, %{{.*}} {static_axes = array<i64: 1>} : (tensor<2x0x4xf32>, none) -> tensor<2x1x4xf32>
  %0 = graph.reduce_sum %x, %none {static_axes = array<i64: 1>} : (tensor<2x0x4xf32>, none) -> tensor<2x1x4xf32>
  // CHECK: graph.reduce_max %{{.*}}, %{{.*}} {keepdims = false, static_axes = array<i64: 1, 2>} : (tensor<2x0x4xf32>, none) -> tensor<2xf32>
  %1 = graph.reduce_max %x, %none {static_axes = array<i64: 1, 2>, keepdims = false} : (tensor<2x0x4xf32>, none) -> tensor<2xf32>
  // CHECK: graph.reduce_min %{{.*}}, %{{.*}} {noop_with_empty_axes = true, static_axes = array<i64>} : (tensor<2x0x4xf32>, none) -> tensor<2x0x4xf32>
  %2 = graph.reduce_min %x, %none {static_axes = array<i64>, noop_with_empty_axes = true} : (tensor<2x0x4xf32>, none) -> tensor<2x0x4xf32>
  // All axes of an unranked tensor without keepdims: a scalar.
  // CHECK: -> tensor<f32>
  %3 = graph.reduce_mean %u, %none {static_axes = array<i64>, keepdims = false} : (tensor<*xf32>, none) -> tensor<f32>
  // CHECK: -> tensor<*xf32>
  %4 = graph.reduce_mean %u, %none {static_axes = array<i64: 0>} : (tensor<*xf32>, none) -> tensor<*xf32>
  return %0, %1, %2, %3, %4 : tensor<2x1x4xf32>, tensor<2xf32>, tensor<2x0x4xf32>, tensor<f32>, tensor<*xf32>
}

// -----

// Axes known only at run time.
// CHECK-LABEL: func @reduce_dynamic_axes
func.func @reduce_dynamic_axes(%x: tensor<2x1x4xf32>, %a: tensor<?xi64>, %b: tensor<2xi64>, %e: tensor<0xi64>) -> (tensor<?x1x?xf32>, tensor<*xf32>, tensor<?xf32>, tensor<2x1x4xf32>) {
  // CHECK: -> tensor<?x1x?xf32>
  %0 = graph.reduce_sum %x, %a : (tensor<2x1x4xf32>, tensor<?xi64>) -> tensor<?x1x?xf32>
  // CHECK: -> tensor<*xf32>
  %1 = graph.reduce_sum %x, %a {keepdims = false} : (tensor<2x1x4xf32>, tensor<?xi64>) -> tensor<*xf32>
  // CHECK: -> tensor<?xf32>
  %2 = graph.reduce_sum %x, %b {keepdims = false} : (tensor<2x1x4xf32>, tensor<2xi64>) -> tensor<?xf32>
  // CHECK: -> tensor<2x1x4xf32>
  %3 = graph.reduce_sum %x, %e {noop_with_empty_axes = true} : (tensor<2x1x4xf32>, tensor<0xi64>) -> tensor<2x1x4xf32>
  return %0, %1, %2, %3 : tensor<?x1x?xf32>, tensor<*xf32>, tensor<?xf32>, tensor<2x1x4xf32>
}

// -----

func.func @reduce_both(%x: tensor<2x3xf32>, %a: tensor<1xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{has both static axes and an axes operand}}
  %0 = graph.reduce_sum %x, %a {static_axes = array<i64: 0>} : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @reduce_neither(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{has neither static axes nor an axes operand}}
  %0 = graph.reduce_sum %x, %none : (tensor<2x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @reduce_axes_type(%x: tensor<2x3xf32>, %a: tensor<1xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{axes operand must be an integer tensor}}
  %0 = graph.reduce_max %x, %a : (tensor<2x3xf32>, tensor<1xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @reduce_axes_rank(%x: tensor<2x3xf32>, %a: tensor<1x1xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{axes operand must be 1-D}}
  %0 = graph.reduce_max %x, %a : (tensor<2x3xf32>, tensor<1x1xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @reduce_axes_count(%x: tensor<2x3xf32>, %a: tensor<3xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{has 3 axes for data of rank 2}}
  %0 = graph.reduce_min %x, %a : (tensor<2x3xf32>, tensor<3xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @reduce_axis_range(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = graph.reduce_mean %x, %none {static_axes = array<i64: 2>} : (tensor<2x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @reduce_axis_repeated(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{axis 1 is repeated}}
  %0 = graph.reduce_mean %x, %none {static_axes = array<i64: 1, -1>} : (tensor<2x3xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

//===----------------------------------------------------------------------===//
// argmax
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @argmax
func.func @argmax(%x: tensor<2x3xf32>, %u: tensor<*xf32>) -> (tensor<2x1xi64>, tensor<3xi64>, tensor<*xi64>) {
  // CHECK: graph.argmax %{{.*}} {axis = 1 : i64, select_last_index = true} : (tensor<2x3xf32>) -> tensor<2x1xi64>
  %0 = graph.argmax %x {axis = 1 : i64, select_last_index = true} : (tensor<2x3xf32>) -> tensor<2x1xi64>
  // CHECK: -> tensor<3xi64>
  %1 = graph.argmax %x {axis = 0 : i64, keepdims = false} : (tensor<2x3xf32>) -> tensor<3xi64>
  // CHECK: -> tensor<*xi64>
  %2 = graph.argmax %u {axis = -1 : i64} : (tensor<*xf32>) -> tensor<*xi64>
  return %0, %1, %2 : tensor<2x1xi64>, tensor<3xi64>, tensor<*xi64>
}

// -----

func.func @argmax_scalar(%x: tensor<f32>) -> tensor<*xi64> {
  // expected-error @+1 {{data must have rank at least 1}}
  %0 = graph.argmax %x {axis = 0 : i64} : (tensor<f32>) -> tensor<*xi64>
  return %0 : tensor<*xi64>
}

// -----

func.func @argmax_axis(%x: tensor<2x3xf32>) -> tensor<*xi64> {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = graph.argmax %x {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<*xi64>
  return %0 : tensor<*xi64>
}

//===----------------------------------------------------------------------===//
// cumsum
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @cumsum
func.func @cumsum(%x: tensor<2x3xi32>, %a: tensor<i64>) -> (tensor<2x3xi32>, tensor<2x3xi32>) {
  %none = graph.none
  // CHECK: graph.cumsum %{{.*}}, %{{.*}} {exclusive = true, reverse = true, static_axis = 1 : i64} : (tensor<2x3xi32>, none) -> tensor<2x3xi32>
  %0 = graph.cumsum %x, %none {static_axis = 1 : i64, exclusive = true, reverse = true} : (tensor<2x3xi32>, none) -> tensor<2x3xi32>
  // CHECK: graph.cumsum %{{.*}}, %{{.*}} : (tensor<2x3xi32>, tensor<i64>) -> tensor<2x3xi32>
  %1 = graph.cumsum %x, %a : (tensor<2x3xi32>, tensor<i64>) -> tensor<2x3xi32>
  return %0, %1 : tensor<2x3xi32>, tensor<2x3xi32>
}

// -----

func.func @cumsum_both(%x: tensor<2x3xf32>, %a: tensor<i64>) -> tensor<2x3xf32> {
  // expected-error @+1 {{has both a static axis and an axis operand}}
  %0 = graph.cumsum %x, %a {static_axis = 0 : i64} : (tensor<2x3xf32>, tensor<i64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @cumsum_neither(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %none = graph.none
  // expected-error @+1 {{has neither a static axis nor an axis operand}}
  %0 = graph.cumsum %x, %none : (tensor<2x3xf32>, none) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @cumsum_axis_type(%x: tensor<2x3xf32>, %a: tensor<f32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{axis operand must be an integer tensor}}
  %0 = graph.cumsum %x, %a : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @cumsum_axis_shape(%x: tensor<2x3xf32>, %a: tensor<2xi32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{axis operand must hold one element}}
  %0 = graph.cumsum %x, %a : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @cumsum_axis_range(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %none = graph.none
  // expected-error @+1 {{axis -3 is out of range for rank 2}}
  %0 = graph.cumsum %x, %none {static_axis = -3 : i64} : (tensor<2x3xf32>, none) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

//===----------------------------------------------------------------------===//
// topk
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func @topk
func.func @topk(%x: tensor<3x4xf32>, %k: tensor<1xi64>, %u: tensor<*xf32>) -> (tensor<3x2xf32>, tensor<3x2xi64>, tensor<3x?xf32>, tensor<*xi64>) {
  %none = graph.none
  // CHECK: %{{.*}}, %{{.*}} = graph.topk %{{.*}}, %{{.*}} {axis = 1 : i64, largest = false, static_k = 2 : i64} : (tensor<3x4xf32>, none) -> (tensor<3x2xf32>, tensor<3x2xi64>)
  %v, %i = graph.topk %x, %none {axis = 1 : i64, static_k = 2 : i64, largest = false} : (tensor<3x4xf32>, none) -> (tensor<3x2xf32>, tensor<3x2xi64>)
  // CHECK: -> (tensor<3x?xf32>, tensor<3x?xi64>)
  %v2, %i2 = graph.topk %x, %k {axis = 1 : i64} : (tensor<3x4xf32>, tensor<1xi64>) -> (tensor<3x?xf32>, tensor<3x?xi64>)
  // CHECK: -> (tensor<*xf32>, tensor<*xi64>)
  %v3, %i3 = graph.topk %u, %k {axis = -1 : i64} : (tensor<*xf32>, tensor<1xi64>) -> (tensor<*xf32>, tensor<*xi64>)
  return %v, %i, %v2, %i3 : tensor<3x2xf32>, tensor<3x2xi64>, tensor<3x?xf32>, tensor<*xi64>
}

// -----

func.func @topk_both(%x: tensor<3x4xf32>, %k: tensor<1xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{has both a static k and a k operand}}
  %v, %i = graph.topk %x, %k {axis = 1 : i64, static_k = 2 : i64} : (tensor<3x4xf32>, tensor<1xi64>) -> (tensor<*xf32>, tensor<*xi64>)
  return %v : tensor<*xf32>
}

// -----

func.func @topk_neither(%x: tensor<3x4xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{has neither a static k nor a k operand}}
  %v, %i = graph.topk %x, %none {axis = 1 : i64} : (tensor<3x4xf32>, none) -> (tensor<*xf32>, tensor<*xi64>)
  return %v : tensor<*xf32>
}

// -----

func.func @topk_k_shape(%x: tensor<3x4xf32>, %k: tensor<2xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{k operand must hold one element}}
  %v, %i = graph.topk %x, %k {axis = 1 : i64} : (tensor<3x4xf32>, tensor<2xi64>) -> (tensor<*xf32>, tensor<*xi64>)
  return %v : tensor<*xf32>
}

// -----

func.func @topk_k_type(%x: tensor<3x4xf32>, %k: tensor<1xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{k operand must be an integer tensor}}
  %v, %i = graph.topk %x, %k {axis = 1 : i64} : (tensor<3x4xf32>, tensor<1xf32>) -> (tensor<*xf32>, tensor<*xi64>)
  return %v : tensor<*xf32>
}

// -----

func.func @topk_negative_k(%x: tensor<3x4xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{k must not be negative, is -1}}
  %v, %i = graph.topk %x, %none {axis = 1 : i64, static_k = -1 : i64} : (tensor<3x4xf32>, none) -> (tensor<*xf32>, tensor<*xi64>)
  return %v : tensor<*xf32>
}

// -----

func.func @topk_scalar(%x: tensor<f32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{input must have rank at least 1}}
  %v, %i = graph.topk %x, %none {axis = 0 : i64, static_k = 1 : i64} : (tensor<f32>, none) -> (tensor<*xf32>, tensor<*xi64>)
  return %v : tensor<*xf32>
}

// -----

func.func @topk_axis(%x: tensor<3x4xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %v, %i = graph.topk %x, %none {axis = 2 : i64, static_k = 1 : i64} : (tensor<3x4xf32>, none) -> (tensor<*xf32>, tensor<*xi64>)
  return %v : tensor<*xf32>
}

// -----

func.func @topk_too_many(%x: tensor<3x4xf32>) -> tensor<*xf32> {
  %none = graph.none
  // expected-error @+1 {{k (5) is larger than dimension 1 (4)}}
  %v, %i = graph.topk %x, %none {axis = 1 : i64, static_k = 5 : i64} : (tensor<3x4xf32>, none) -> (tensor<*xf32>, tensor<*xi64>)
  return %v : tensor<*xf32>
}
