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

// -----

// CHECK-LABEL: func @concat_unranked
func.func @concat_unranked(%a: tensor<*xf32>, %b: tensor<2x3xf32>) -> tensor<?x3xf32> {
  // CHECK: graph.concat %{{.*}}, %{{.*}} {axis = 0 : i64} : (tensor<*xf32>, tensor<2x3xf32>) -> tensor<?x3xf32>
  %0 = graph.concat %a, %b {axis = 0 : i64} : (tensor<*xf32>, tensor<2x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// CHECK-LABEL: func @concat_all_unranked
func.func @concat_all_unranked(%a: tensor<*xf32>, %b: tensor<*xf32>) -> tensor<*xf32> {
  // CHECK: graph.concat %{{.*}}, %{{.*}} {axis = -1 : i64}
  %0 = graph.concat %a, %b {axis = -1 : i64} : (tensor<*xf32>, tensor<*xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @concat_no_inputs() -> tensor<1xf32> {
  // expected-error @+1 {{needs at least one input}}
  %0 = graph.concat {axis = 0 : i64} : () -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

func.func @concat_types(%a: tensor<2xf32>, %b: tensor<2xi64>) -> tensor<4xf32> {
  // expected-error @+1 {{inputs have different element types}}
  %0 = graph.concat %a, %b {axis = 0 : i64} : (tensor<2xf32>, tensor<2xi64>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @concat_scalars(%a: tensor<f32>, %b: tensor<f32>) -> tensor<2xf32> {
  // expected-error @+1 {{cannot concatenate scalars}}
  %0 = graph.concat %a, %b {axis = 0 : i64} : (tensor<f32>, tensor<f32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @concat_axis(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{axis 1 is out of range for rank 1}}
  %0 = graph.concat %a, %b {axis = 1 : i64} : (tensor<2xf32>, tensor<2xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @concat_ranks(%a: tensor<2xf32>, %b: tensor<2x1xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{inputs have different ranks}}
  %0 = graph.concat %a, %b {axis = 0 : i64} : (tensor<2xf32>, tensor<2x1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @concat_dims(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{inputs differ in dimension 1 (3 vs 4)}}
  %0 = graph.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// CHECK-LABEL: func @gather_unranked
func.func @gather_unranked(%x: tensor<*xf32>, %i: tensor<3xi64>) -> tensor<*xf32> {
  // CHECK: graph.gather %{{.*}}, %{{.*}} {axis = -1 : i64}
  %0 = graph.gather %x, %i {axis = -1 : i64} : (tensor<*xf32>, tensor<3xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @gather_axis(%x: tensor<2x3xf32>, %i: tensor<3xi64>) -> tensor<*xf32> {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = graph.gather %x, %i {axis = 2 : i64} : (tensor<2x3xf32>, tensor<3xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// CHECK-LABEL: func @gather_elements
func.func @gather_elements(%x: tensor<3x3xf32>, %i: tensor<2x3xi64>) -> tensor<2x3xf32> {
  // CHECK: graph.gather_elements %{{.*}}, %{{.*}} {axis = 0 : i64} : (tensor<3x3xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  %0 = graph.gather_elements %x, %i {axis = 0 : i64} : (tensor<3x3xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @gather_elements_axis(%x: tensor<3x3xf32>, %i: tensor<2x3xi64>) -> tensor<2x3xf32> {
  // expected-error @+1 {{axis -3 is out of range for rank 2}}
  %0 = graph.gather_elements %x, %i {axis = -3 : i64} : (tensor<3x3xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @gather_elements_rank(%x: tensor<3x3xf32>, %i: tensor<3xi64>) -> tensor<3xf32> {
  // expected-error @+1 {{indices have rank 1 but the data has rank 2}}
  %0 = graph.gather_elements %x, %i {axis = 0 : i64} : (tensor<3x3xf32>, tensor<3xi64>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func @scatter_nd
func.func @scatter_nd(%x: tensor<4x4x4xf32>, %i: tensor<2x1xi64>, %u: tensor<2x4x4xf32>) -> tensor<4x4x4xf32> {
  // CHECK: graph.scatter_nd %{{.*}}, %{{.*}}, %{{.*}} {reduction = "add"}
  %0 = graph.scatter_nd %x, %i, %u {reduction = "add"} : (tensor<4x4x4xf32>, tensor<2x1xi64>, tensor<2x4x4xf32>) -> tensor<4x4x4xf32>
  return %0 : tensor<4x4x4xf32>
}

// -----

func.func @scatter_nd_reduction(%x: tensor<4xf32>, %i: tensor<1x1xi64>, %u: tensor<1xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{has unknown reduction 'sub'}}
  %0 = graph.scatter_nd %x, %i, %u {reduction = "sub"} : (tensor<4xf32>, tensor<1x1xi64>, tensor<1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @scatter_nd_types(%x: tensor<4xf32>, %i: tensor<1x1xi64>, %u: tensor<1xf16>) -> tensor<4xf32> {
  // expected-error @+1 {{updates and data have different element types}}
  %0 = graph.scatter_nd %x, %i, %u : (tensor<4xf32>, tensor<1x1xi64>, tensor<1xf16>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @scatter_nd_scalar_indices(%x: tensor<4xf32>, %i: tensor<i64>, %u: tensor<1xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{indices must have rank at least 1}}
  %0 = graph.scatter_nd %x, %i, %u : (tensor<4xf32>, tensor<i64>, tensor<1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @scatter_nd_k(%x: tensor<4xf32>, %i: tensor<1x2xi64>, %u: tensor<1xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{indices address 2 dimensions of a rank-1 tensor}}
  %0 = graph.scatter_nd %x, %i, %u : (tensor<4xf32>, tensor<1x2xi64>, tensor<1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @scatter_nd_updates(%x: tensor<4x3xf32>, %i: tensor<2x1xi64>, %u: tensor<2x4xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{updates have type 'tensor<2x4xf32>' but data and indices need shape 'tensor<2x3xf32>'}}
  %0 = graph.scatter_nd %x, %i, %u : (tensor<4x3xf32>, tensor<2x1xi64>, tensor<2x4xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// CHECK-LABEL: func @constant_of_shape
func.func @constant_of_shape(%s: tensor<3xi64>) -> (tensor<2x3xi32>, tensor<?x?x?xf32>) {
  %none = graph.none
  // CHECK: graph.constant_of_shape %{{.*}} {static_shape = array<i64: 2, 3>, value = dense<1> : tensor<1xi32>} : (none) -> tensor<2x3xi32>
  %0 = graph.constant_of_shape %none {static_shape = array<i64: 2, 3>, value = dense<1> : tensor<1xi32>} : (none) -> tensor<2x3xi32>
  // CHECK: graph.constant_of_shape %{{.*}} {value = dense<0.000000e+00> : tensor<1xf32>} : (tensor<3xi64>) -> tensor<?x?x?xf32>
  %1 = graph.constant_of_shape %s {value = dense<0.0> : tensor<1xf32>} : (tensor<3xi64>) -> tensor<?x?x?xf32>
  return %0, %1 : tensor<2x3xi32>, tensor<?x?x?xf32>
}

// -----

func.func @constant_of_shape_value() -> tensor<2xf32> {
  %none = graph.none
  // expected-error @+1 {{value must have exactly one element}}
  %0 = graph.constant_of_shape %none {static_shape = array<i64: 2>, value = dense<0.0> : tensor<2xf32>} : (none) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @constant_of_shape_both(%s: tensor<1xi64>) -> tensor<2xf32> {
  // expected-error @+1 {{has both a static shape and a shape operand}}
  %0 = graph.constant_of_shape %s {static_shape = array<i64: 2>, value = dense<0.0> : tensor<1xf32>} : (tensor<1xi64>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @constant_of_shape_neither() -> tensor<2xf32> {
  %none = graph.none
  // expected-error @+1 {{has neither a static shape nor a shape operand}}
  %0 = graph.constant_of_shape %none {value = dense<0.0> : tensor<1xf32>} : (none) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @constant_of_shape_negative() -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{shape has negative dimension -2}}
  %0 = graph.constant_of_shape %none {static_shape = array<i64: -2>, value = dense<0.0> : tensor<1xf32>} : (none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// CHECK-LABEL: func @range
func.func @range(%a: tensor<f32>) -> (tensor<?xf32>, tensor<4xi32>) {
  // CHECK: graph.range %{{.*}}, %{{.*}}, %{{.*}} : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<?xf32>
  %0 = graph.range %a, %a, %a : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<?xf32>
  %s = graph.constant dense<10> : tensor<i32>
  %l = graph.constant dense<6> : tensor<i32>
  %d = graph.constant dense<-1> : tensor<i32>
  // CHECK: graph.range %{{.*}}, %{{.*}}, %{{.*}} : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<4xi32>
  %1 = graph.range %s, %l, %d : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<4xi32>
  return %0, %1 : tensor<?xf32>, tensor<4xi32>
}

// -----

func.func @range_types(%a: tensor<f32>, %b: tensor<i64>) -> tensor<?xf32> {
  // expected-error @+1 {{start, limit and delta have different types}}
  %0 = graph.range %a, %b, %a : (tensor<f32>, tensor<i64>, tensor<f32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @range_scalars(%a: tensor<2xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{start, limit and delta must be scalars}}
  %0 = graph.range %a, %a, %a : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @range_bool(%a: tensor<i1>) -> tensor<?xi1> {
  // expected-error @+1 {{needs a numeric element type}}
  %0 = graph.range %a, %a, %a : (tensor<i1>, tensor<i1>, tensor<i1>) -> tensor<?xi1>
  return %0 : tensor<?xi1>
}

// -----

func.func @range_zero_delta() -> tensor<?xi64> {
  %s = graph.constant dense<0> : tensor<i64>
  %d = graph.constant dense<0> : tensor<i64>
  // expected-error @+1 {{delta is zero}}
  %0 = graph.range %s, %s, %d : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
  return %0 : tensor<?xi64>
}

// -----

// CHECK-LABEL: func @size
func.func @size(%x: tensor<?x3xf32>) -> tensor<i64> {
  // CHECK: graph.size %{{.*}} : (tensor<?x3xf32>) -> tensor<i64>
  %0 = graph.size %x : (tensor<?x3xf32>) -> tensor<i64>
  return %0 : tensor<i64>
}

// -----

// CHECK-LABEL: func @flatten
func.func @flatten(%x: tensor<2x?x4xf32>, %y: tensor<*xf32>) -> (tensor<2x?xf32>, tensor<?x?xf32>, tensor<1x?xf32>) {
  // CHECK: graph.flatten %{{.*}} {axis = 1 : i64} : (tensor<2x?x4xf32>) -> tensor<2x?xf32>
  %0 = graph.flatten %x {axis = 1 : i64} : (tensor<2x?x4xf32>) -> tensor<2x?xf32>
  %1 = graph.flatten %y {axis = 1 : i64} : (tensor<*xf32>) -> tensor<?x?xf32>
  %2 = graph.flatten %x {axis = 0 : i64} : (tensor<2x?x4xf32>) -> tensor<1x?xf32>
  return %0, %1, %2 : tensor<2x?xf32>, tensor<?x?xf32>, tensor<1x?xf32>
}

// -----

func.func @flatten_axis(%x: tensor<2x3xf32>) -> tensor<?x?xf32> {
  // expected-error @+1 {{axis 3 is out of range for rank 2}}
  %0 = graph.flatten %x {axis = 3 : i64} : (tensor<2x3xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func @squeeze
func.func @squeeze(%x: tensor<1x3x1xf32>, %y: tensor<?x1xf32>, %a: tensor<1xi64>) -> (tensor<3x1xf32>, tensor<3xf32>, tensor<*xf32>, tensor<?x?xf32>) {
  %none = graph.none
  // CHECK: graph.squeeze %{{.*}}, %{{.*}} {static_axes = array<i64: 0>} : (tensor<1x3x1xf32>, none) -> tensor<3x1xf32>
  %0 = graph.squeeze %x, %none {static_axes = array<i64: 0>} : (tensor<1x3x1xf32>, none) -> tensor<3x1xf32>
  %1 = graph.squeeze %x, %none : (tensor<1x3x1xf32>, none) -> tensor<3xf32>
  %2 = graph.squeeze %y, %none : (tensor<?x1xf32>, none) -> tensor<*xf32>
  %3 = graph.squeeze %x, %a : (tensor<1x3x1xf32>, tensor<1xi64>) -> tensor<?x?xf32>
  return %0, %1, %2, %3 : tensor<3x1xf32>, tensor<3xf32>, tensor<*xf32>, tensor<?x?xf32>
}

// -----

func.func @squeeze_both(%x: tensor<1x3xf32>, %a: tensor<1xi64>) -> tensor<3xf32> {
  // expected-error @+1 {{has both static axes and an axes operand}}
  %0 = graph.squeeze %x, %a {static_axes = array<i64: 0>} : (tensor<1x3xf32>, tensor<1xi64>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @squeeze_range(%x: tensor<1x3xf32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{axes value 2 is out of range for rank 2}}
  %0 = graph.squeeze %x, %none {static_axes = array<i64: 2>} : (tensor<1x3xf32>, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @squeeze_twice(%x: tensor<1x3xf32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{axis 0 appears twice in axes}}
  %0 = graph.squeeze %x, %none {static_axes = array<i64: 0, -2>} : (tensor<1x3xf32>, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @squeeze_not_one(%x: tensor<1x3xf32>) -> tensor<1xf32> {
  %none = graph.none
  // expected-error @+1 {{cannot squeeze dimension 1 of size 3}}
  %0 = graph.squeeze %x, %none {static_axes = array<i64: 1>} : (tensor<1x3xf32>, none) -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

// CHECK-LABEL: func @unsqueeze
func.func @unsqueeze(%x: tensor<3x?xf32>, %a: tensor<2xi64>) -> (tensor<1x3x?x1xf32>, tensor<?x?x?x?xf32>) {
  %none = graph.none
  // CHECK: graph.unsqueeze %{{.*}}, %{{.*}} {static_axes = array<i64: 0, 3>} : (tensor<3x?xf32>, none) -> tensor<1x3x?x1xf32>
  %0 = graph.unsqueeze %x, %none {static_axes = array<i64: 0, 3>} : (tensor<3x?xf32>, none) -> tensor<1x3x?x1xf32>
  %1 = graph.unsqueeze %x, %a : (tensor<3x?xf32>, tensor<2xi64>) -> tensor<?x?x?x?xf32>
  return %0, %1 : tensor<1x3x?x1xf32>, tensor<?x?x?x?xf32>
}

// -----

func.func @unsqueeze_both(%x: tensor<3xf32>, %a: tensor<1xi64>) -> tensor<1x3xf32> {
  // expected-error @+1 {{has both static axes and an axes operand}}
  %0 = graph.unsqueeze %x, %a {static_axes = array<i64: 0>} : (tensor<3xf32>, tensor<1xi64>) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// -----

func.func @unsqueeze_neither(%x: tensor<3xf32>) -> tensor<1x3xf32> {
  %none = graph.none
  // expected-error @+1 {{has neither static axes nor an axes operand}}
  %0 = graph.unsqueeze %x, %none : (tensor<3xf32>, none) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// -----

func.func @unsqueeze_range(%x: tensor<3xf32>) -> tensor<1x3xf32> {
  %none = graph.none
  // expected-error @+1 {{axes value 2 is out of range for rank 2}}
  %0 = graph.unsqueeze %x, %none {static_axes = array<i64: 2>} : (tensor<3xf32>, none) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// -----

// CHECK-LABEL: func @transpose
func.func @transpose(%x: tensor<2x3x4xf32>, %y: tensor<*xf32>) -> (tensor<4x2x3xf32>, tensor<4x3x2xf32>, tensor<*xf32>, tensor<?x?xf32>) {
  // CHECK: graph.transpose %{{.*}} {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %0 = graph.transpose %x {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %1 = graph.transpose %x : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  %2 = graph.transpose %y : (tensor<*xf32>) -> tensor<*xf32>
  %3 = graph.transpose %y {perm = array<i64: 1, 0>} : (tensor<*xf32>) -> tensor<?x?xf32>
  return %0, %1, %2, %3 : tensor<4x2x3xf32>, tensor<4x3x2xf32>, tensor<*xf32>, tensor<?x?xf32>
}

// -----

func.func @transpose_size(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{perm has 3 entries for rank 2}}
  %0 = graph.transpose %x {perm = array<i64: 2, 0, 1>} : (tensor<2x3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @transpose_perm(%x: tensor<2x3xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{perm is not a permutation}}
  %0 = graph.transpose %x {perm = array<i64: 1, 1>} : (tensor<2x3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// CHECK-LABEL: func @expand
func.func @expand(%x: tensor<3x1xf32>, %s: tensor<3xi64>) -> (tensor<2x3x6xf32>, tensor<?x3x?xf32>) {
  %none = graph.none
  // CHECK: graph.expand %{{.*}}, %{{.*}} {static_shape = array<i64: 2, 1, 6>} : (tensor<3x1xf32>, none) -> tensor<2x3x6xf32>
  %0 = graph.expand %x, %none {static_shape = array<i64: 2, 1, 6>} : (tensor<3x1xf32>, none) -> tensor<2x3x6xf32>
  %1 = graph.expand %x, %s : (tensor<3x1xf32>, tensor<3xi64>) -> tensor<?x3x?xf32>
  return %0, %1 : tensor<2x3x6xf32>, tensor<?x3x?xf32>
}

// -----

func.func @expand_both(%x: tensor<3xf32>, %s: tensor<1xi64>) -> tensor<3xf32> {
  // expected-error @+1 {{has both a static shape and a shape operand}}
  %0 = graph.expand %x, %s {static_shape = array<i64: 3>} : (tensor<3xf32>, tensor<1xi64>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @expand_neither(%x: tensor<3xf32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{has neither a static shape nor a shape operand}}
  %0 = graph.expand %x, %none : (tensor<3xf32>, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @expand_negative(%x: tensor<3xf32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{shape has negative dimension -1}}
  %0 = graph.expand %x, %none {static_shape = array<i64: -1>} : (tensor<3xf32>, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @expand_broadcast(%x: tensor<3xf32>) -> tensor<4xf32> {
  %none = graph.none
  // expected-error @+1 {{cannot broadcast 'tensor<3xf32>' to shape [2, 4]}}
  %0 = graph.expand %x, %none {static_shape = array<i64: 2, 4>} : (tensor<3xf32>, none) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func @tile
func.func @tile(%x: tensor<2x?xf32>, %r: tensor<2xi64>) -> (tensor<6x?xf32>, tensor<?x?xf32>) {
  %none = graph.none
  // CHECK: graph.tile %{{.*}}, %{{.*}} {static_repeats = array<i64: 3, 2>} : (tensor<2x?xf32>, none) -> tensor<6x?xf32>
  %0 = graph.tile %x, %none {static_repeats = array<i64: 3, 2>} : (tensor<2x?xf32>, none) -> tensor<6x?xf32>
  %1 = graph.tile %x, %r : (tensor<2x?xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  return %0, %1 : tensor<6x?xf32>, tensor<?x?xf32>
}

// -----

func.func @tile_both(%x: tensor<3xf32>, %r: tensor<1xi64>) -> tensor<3xf32> {
  // expected-error @+1 {{has both static repeats and a repeats operand}}
  %0 = graph.tile %x, %r {static_repeats = array<i64: 1>} : (tensor<3xf32>, tensor<1xi64>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @tile_neither(%x: tensor<3xf32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{has neither static repeats nor a repeats operand}}
  %0 = graph.tile %x, %none : (tensor<3xf32>, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @tile_negative(%x: tensor<3xf32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{has negative repeat -1}}
  %0 = graph.tile %x, %none {static_repeats = array<i64: -1>} : (tensor<3xf32>, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @tile_count(%x: tensor<3xf32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{has 2 repeats for rank 1}}
  %0 = graph.tile %x, %none {static_repeats = array<i64: 1, 1>} : (tensor<3xf32>, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func @slice
func.func @slice(%x: tensor<20x10x5xf32>, %s: tensor<2xi64>) -> (tensor<19x3x2xf32>, tensor<20x?x?xf32>, tensor<?x?x?xf32>, tensor<2x10x5xf32>) {
  %none = graph.none
  // CHECK: graph.slice %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {static_axes = array<i64: 0, 1, 2>, static_ends = array<i64: 0, 0, 1>, static_starts = array<i64: 20, 10, 4>, static_steps = array<i64: -1, -3, -2>}
  // CHECK-SAME: -> tensor<19x3x2xf32>
  %0 = graph.slice %x, %none, %none, %none, %none {static_axes = array<i64: 0, 1, 2>, static_ends = array<i64: 0, 0, 1>, static_starts = array<i64: 20, 10, 4>, static_steps = array<i64: -1, -3, -2>} : (tensor<20x10x5xf32>, none, none, none, none) -> tensor<19x3x2xf32>
  // Unknown starts on known axes.
  %1 = graph.slice %x, %s, %none, %none, %none {static_axes = array<i64: 1, 2>, static_ends = array<i64: 5, 5>} : (tensor<20x10x5xf32>, tensor<2xi64>, none, none, none) -> tensor<20x?x?xf32>
  // Unknown axes.
  %2 = graph.slice %x, %none, %none, %s, %none {static_ends = array<i64: 5, 5>, static_starts = array<i64: 0, 0>} : (tensor<20x10x5xf32>, none, none, tensor<2xi64>, none) -> tensor<?x?x?xf32>
  // Default axes and steps, out-of-range ends clamped.
  %3 = graph.slice %x, %none, %none, %none, %none {static_ends = array<i64: 1000>, static_starts = array<i64: -2>} : (tensor<20x10x5xf32>, none, none, none, none) -> tensor<2x10x5xf32>
  return %0, %1, %2, %3 : tensor<19x3x2xf32>, tensor<20x?x?xf32>, tensor<?x?x?xf32>, tensor<2x10x5xf32>
}

// -----

func.func @slice_both_starts(%x: tensor<4xf32>, %s: tensor<1xi64>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{has both static starts and a starts operand}}
  %0 = graph.slice %x, %s, %none, %none, %none {static_starts = array<i64: 0>, static_ends = array<i64: 1>} : (tensor<4xf32>, tensor<1xi64>, none, none, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @slice_no_ends(%x: tensor<4xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{has neither static ends nor a ends operand}}
  %0 = graph.slice %x, %none, %none, %none, %none {static_starts = array<i64: 0>} : (tensor<4xf32>, none, none, none, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @slice_both_steps(%x: tensor<4xf32>, %s: tensor<1xi64>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{has both static steps and a steps operand}}
  %0 = graph.slice %x, %none, %none, %none, %s {static_starts = array<i64: 0>, static_ends = array<i64: 1>, static_steps = array<i64: 1>} : (tensor<4xf32>, none, none, none, tensor<1xi64>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @slice_counts(%x: tensor<4x4xf32>) -> tensor<?x?xf32> {
  %none = graph.none
  // expected-error @+1 {{ends has 1 values, expected 2}}
  %0 = graph.slice %x, %none, %none, %none, %none {static_starts = array<i64: 0, 0>, static_ends = array<i64: 1>} : (tensor<4x4xf32>, none, none, none, none) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @slice_zero_step(%x: tensor<4xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{steps must not be 0}}
  %0 = graph.slice %x, %none, %none, %none, %none {static_starts = array<i64: 0>, static_ends = array<i64: 1>, static_steps = array<i64: 0>} : (tensor<4xf32>, none, none, none, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @slice_too_many(%x: tensor<4xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{slices 2 axes of a rank-1 tensor}}
  %0 = graph.slice %x, %none, %none, %none, %none {static_starts = array<i64: 0, 0>, static_ends = array<i64: 1, 1>} : (tensor<4xf32>, none, none, none, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @slice_axes(%x: tensor<4xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{axes value 1 is out of range for rank 1}}
  %0 = graph.slice %x, %none, %none, %none, %none {static_starts = array<i64: 0>, static_ends = array<i64: 1>, static_axes = array<i64: 1>} : (tensor<4xf32>, none, none, none, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// CHECK-LABEL: func @split
func.func @split(%x: tensor<2x6xf32>, %s: tensor<2xi64>, %y: tensor<?x7xf32>) -> (tensor<2x2xf32>, tensor<2x4xf32>, tensor<2x?xf32>, tensor<2x?xf32>, tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x1xf32>) {
  %none = graph.none
  // CHECK: graph.split %{{.*}}, %{{.*}} {axis = 1 : i64, static_split = array<i64: 2, 4>} : (tensor<2x6xf32>, none) -> (tensor<2x2xf32>, tensor<2x4xf32>)
  %0:2 = graph.split %x, %none {axis = 1 : i64, static_split = array<i64: 2, 4>} : (tensor<2x6xf32>, none) -> (tensor<2x2xf32>, tensor<2x4xf32>)
  %1:2 = graph.split %x, %s {axis = 1 : i64} : (tensor<2x6xf32>, tensor<2xi64>) -> (tensor<2x?xf32>, tensor<2x?xf32>)
  // Equal parts, the last one smaller.
  %2:3 = graph.split %y, %none {axis = 1 : i64} : (tensor<?x7xf32>, none) -> (tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x1xf32>)
  return %0#0, %0#1, %1#0, %1#1, %2#0, %2#1, %2#2 : tensor<2x2xf32>, tensor<2x4xf32>, tensor<2x?xf32>, tensor<2x?xf32>, tensor<?x3xf32>, tensor<?x3xf32>, tensor<?x1xf32>
}

// -----

func.func @split_no_results(%x: tensor<2xf32>) {
  %none = graph.none
  // expected-error @+1 {{needs at least one result}}
  graph.split %x, %none {axis = 0 : i64} : (tensor<2xf32>, none) -> ()
  return
}

// -----

func.func @split_both(%x: tensor<2xf32>, %s: tensor<1xi64>) -> tensor<2xf32> {
  // expected-error @+1 {{has both static split and a split operand}}
  %0 = graph.split %x, %s {axis = 0 : i64, static_split = array<i64: 2>} : (tensor<2xf32>, tensor<1xi64>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @split_axis(%x: tensor<2xf32>) -> tensor<2xf32> {
  %none = graph.none
  // expected-error @+1 {{axis 1 is out of range for rank 1}}
  %0 = graph.split %x, %none {axis = 1 : i64} : (tensor<2xf32>, none) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @split_count(%x: tensor<2xf32>) -> tensor<2xf32> {
  %none = graph.none
  // expected-error @+1 {{has 2 split sizes for 1 results}}
  %0 = graph.split %x, %none {axis = 0 : i64, static_split = array<i64: 1, 1>} : (tensor<2xf32>, none) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @split_negative(%x: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>) {
  %none = graph.none
  // expected-error @+1 {{has negative split size -1}}
  %0:2 = graph.split %x, %none {axis = 0 : i64, static_split = array<i64: -1, 3>} : (tensor<?xf32>, none) -> (tensor<?xf32>, tensor<?xf32>)
  return %0#0, %0#1 : tensor<?xf32>, tensor<?xf32>
}

// -----

func.func @split_sum(%x: tensor<4xf32>) -> (tensor<1xf32>, tensor<2xf32>) {
  %none = graph.none
  // expected-error @+1 {{split sizes sum to 3 but the dimension is 4}}
  %0:2 = graph.split %x, %none {axis = 0 : i64, static_split = array<i64: 1, 2>} : (tensor<4xf32>, none) -> (tensor<1xf32>, tensor<2xf32>)
  return %0#0, %0#1 : tensor<1xf32>, tensor<2xf32>
}

// -----

func.func @split_parts(%x: tensor<5xf32>) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %none = graph.none
  // expected-error @+1 {{cannot split a dimension of 5 into 4 parts}}
  %0:4 = graph.split %x, %none {axis = 0 : i64} : (tensor<5xf32>, none) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>)
  return %0#0, %0#1, %0#2, %0#3 : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// CHECK-LABEL: func @pad
func.func @pad(%x: tensor<1x3x?xf32>, %v: tensor<f32>, %p: tensor<6xi64>, %q: tensor<2xi64>) -> (tensor<1x4x?xf32>, tensor<?x?x?xf32>, tensor<1x3x?xf32>, tensor<1x?x?xf32>) {
  %none = graph.none
  // CHECK: graph.pad %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {mode = "reflect", static_pads = array<i64: 0, 1, 1, 0, 0, 1>}
  // CHECK-SAME: -> tensor<1x4x?xf32>
  %0 = graph.pad %x, %none, %v, %none {mode = "reflect", static_pads = array<i64: 0, 1, 1, 0, 0, 1>} : (tensor<1x3x?xf32>, none, tensor<f32>, none) -> tensor<1x4x?xf32>
  %1 = graph.pad %x, %p, %none, %none : (tensor<1x3x?xf32>, tensor<6xi64>, none, none) -> tensor<?x?x?xf32>
  // Pads on some axes, while the rank was unknown.
  %2 = graph.pad %x, %none, %none, %none {static_axes = array<i64: -2>, static_pads = array<i64: 1, -1>} : (tensor<1x3x?xf32>, none, none, none) -> tensor<1x3x?xf32>
  // Unknown pads on a known axis.
  %3 = graph.pad %x, %q, %none, %none {static_axes = array<i64: 1>} : (tensor<1x3x?xf32>, tensor<2xi64>, none, none) -> tensor<1x?x?xf32>
  return %0, %1, %2, %3 : tensor<1x4x?xf32>, tensor<?x?x?xf32>, tensor<1x3x?xf32>, tensor<1x?x?xf32>
}

// -----

func.func @pad_mode(%x: tensor<3xf32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{has unknown mode 'mirror'}}
  %0 = graph.pad %x, %none, %none, %none {mode = "mirror", static_pads = array<i64: 0, 0>} : (tensor<3xf32>, none, none, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @pad_both(%x: tensor<3xf32>, %p: tensor<2xi64>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{has both static pads and a pads operand}}
  %0 = graph.pad %x, %p, %none, %none {static_pads = array<i64: 0, 0>} : (tensor<3xf32>, tensor<2xi64>, none, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @pad_neither(%x: tensor<3xf32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{has neither static pads nor a pads operand}}
  %0 = graph.pad %x, %none, %none, %none : (tensor<3xf32>, none, none, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @pad_both_axes(%x: tensor<3xf32>, %a: tensor<1xi64>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{has both static axes and a axes operand}}
  %0 = graph.pad %x, %none, %none, %a {static_pads = array<i64: 0, 0>, static_axes = array<i64: 0>} : (tensor<3xf32>, none, none, tensor<1xi64>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @pad_value_type(%x: tensor<3xf32>, %v: tensor<i64>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{constant value and data have different element types}}
  %0 = graph.pad %x, %none, %v, %none {static_pads = array<i64: 0, 0>} : (tensor<3xf32>, none, tensor<i64>, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @pad_value_scalar(%x: tensor<3xf32>, %v: tensor<2xf32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{constant value must be a scalar}}
  %0 = graph.pad %x, %none, %v, %none {static_pads = array<i64: 0, 0>} : (tensor<3xf32>, none, tensor<2xf32>, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @pad_count(%x: tensor<3xf32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{has 4 pads for 1 axes}}
  %0 = graph.pad %x, %none, %none, %none {static_pads = array<i64: 0, 0, 0, 0>} : (tensor<3xf32>, none, none, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @pad_axes(%x: tensor<3xf32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{axes value 3 is out of range for rank 1}}
  %0 = graph.pad %x, %none, %none, %none {static_pads = array<i64: 0, 0>, static_axes = array<i64: 3>} : (tensor<3xf32>, none, none, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @pad_negative(%x: tensor<3xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{pads make dimension 0 negative}}
  %0 = graph.pad %x, %none, %none, %none {static_pads = array<i64: -2, -2>} : (tensor<3xf32>, none, none, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// CHECK-LABEL: func @resize
func.func @resize(%x: tensor<1x1x2x4xf32>, %s: tensor<4xf32>) -> (tensor<1x1x4x8xf32>, tensor<1x1x1x2xf32>, tensor<1x1x3x6xf32>, tensor<1x1x?x?xf32>) {
  %none = graph.none
  // CHECK: graph.resize %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {mode = "linear", static_scales = array<f32: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>}
  // CHECK-SAME: -> tensor<1x1x4x8xf32>
  %0 = graph.resize %x, %none, %none, %none {mode = "linear", static_scales = array<f32: 1.0, 1.0, 2.0, 2.0>} : (tensor<1x1x2x4xf32>, none, none, none) -> tensor<1x1x4x8xf32>
  // not_larger: one scale min(1/2, 3/4) for both axes.
  %1 = graph.resize %x, %none, %none, %none {axes = array<i64: 2, 3>, keep_aspect_ratio_policy = "not_larger", static_sizes = array<i64: 1, 3>} : (tensor<1x1x2x4xf32>, none, none, none) -> tensor<1x1x1x2xf32>
  // floor(2 * 1.7), floor(4 * 1.7)
  %2 = graph.resize %x, %none, %none, %none {axes = array<i64: 2, 3>, static_scales = array<f32: 1.7, 1.7>} : (tensor<1x1x2x4xf32>, none, none, none) -> tensor<1x1x3x6xf32>
  %3 = graph.resize %x, %none, %s, %none {axes = array<i64: 0, 1, 2, 3>} : (tensor<1x1x2x4xf32>, none, tensor<4xf32>, none) -> tensor<1x1x?x?xf32>
  return %0, %1, %2, %3 : tensor<1x1x4x8xf32>, tensor<1x1x1x2xf32>, tensor<1x1x3x6xf32>, tensor<1x1x?x?xf32>
}

// -----

func.func @resize_mode(%x: tensor<4xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{has unknown mode 'area'}}
  %0 = graph.resize %x, %none, %none, %none {mode = "area", static_scales = array<f32: 2.0>} : (tensor<4xf32>, none, none, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @resize_ctm(%x: tensor<4xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{has unknown coordinate_transformation_mode 'corners'}}
  %0 = graph.resize %x, %none, %none, %none {coordinate_transformation_mode = "corners", static_scales = array<f32: 2.0>} : (tensor<4xf32>, none, none, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @resize_nearest_mode(%x: tensor<4xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{has unknown nearest_mode 'round'}}
  %0 = graph.resize %x, %none, %none, %none {nearest_mode = "round", static_scales = array<f32: 2.0>} : (tensor<4xf32>, none, none, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @resize_policy(%x: tensor<4xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{has unknown keep_aspect_ratio_policy 'fit'}}
  %0 = graph.resize %x, %none, %none, %none {keep_aspect_ratio_policy = "fit", static_sizes = array<i64: 2>} : (tensor<4xf32>, none, none, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @resize_both_roi(%x: tensor<4xf32>, %r: tensor<2xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{has both static roi and a roi operand}}
  %0 = graph.resize %x, %r, %none, %none {static_roi = array<f32: 0.0, 1.0>, static_scales = array<f32: 2.0>} : (tensor<4xf32>, tensor<2xf32>, none, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @resize_both_scales(%x: tensor<4xf32>, %s: tensor<1xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{has both static scales and a scales operand}}
  %0 = graph.resize %x, %none, %s, %none {static_scales = array<f32: 2.0>} : (tensor<4xf32>, none, tensor<1xf32>, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @resize_both_sizes(%x: tensor<4xf32>, %s: tensor<1xi64>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{has both static sizes and a sizes operand}}
  %0 = graph.resize %x, %none, %none, %s {static_sizes = array<i64: 2>} : (tensor<4xf32>, none, none, tensor<1xi64>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @resize_neither(%x: tensor<4xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{needs exactly one of scales and sizes}}
  %0 = graph.resize %x, %none, %none, %none : (tensor<4xf32>, none, none, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @resize_axes(%x: tensor<4xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{axes value 1 is out of range for rank 1}}
  %0 = graph.resize %x, %none, %none, %none {axes = array<i64: 1>, static_scales = array<f32: 2.0>} : (tensor<4xf32>, none, none, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @resize_scales_count(%x: tensor<4xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{has 2 scales for 1 axes}}
  %0 = graph.resize %x, %none, %none, %none {static_scales = array<f32: 2.0, 2.0>} : (tensor<4xf32>, none, none, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @resize_scale_zero(%x: tensor<4xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{has non-positive scale 0}}
  %0 = graph.resize %x, %none, %none, %none {static_scales = array<f32: 0.0>} : (tensor<4xf32>, none, none, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @resize_sizes_count(%x: tensor<4xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{has 2 sizes for 1 axes}}
  %0 = graph.resize %x, %none, %none, %none {static_sizes = array<i64: 2, 2>} : (tensor<4xf32>, none, none, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @resize_size_negative(%x: tensor<4xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{has negative size -2}}
  %0 = graph.resize %x, %none, %none, %none {static_sizes = array<i64: -2>} : (tensor<4xf32>, none, none, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// CHECK-LABEL: func @trilu
func.func @trilu(%x: tensor<3x4xf32>, %k: tensor<i64>) -> (tensor<3x4xf32>, tensor<3x4xf32>) {
  %none = graph.none
  // CHECK: graph.trilu %{{.*}}, %{{.*}} {static_k = -1 : i64, upper = false} : (tensor<3x4xf32>, none) -> tensor<3x4xf32>
  %0 = graph.trilu %x, %none {static_k = -1 : i64, upper = false} : (tensor<3x4xf32>, none) -> tensor<3x4xf32>
  %1 = graph.trilu %x, %k : (tensor<3x4xf32>, tensor<i64>) -> tensor<3x4xf32>
  return %0, %1 : tensor<3x4xf32>, tensor<3x4xf32>
}

// -----

func.func @trilu_both(%x: tensor<3x4xf32>, %k: tensor<i64>) -> tensor<3x4xf32> {
  // expected-error @+1 {{has both a static k and a k operand}}
  %0 = graph.trilu %x, %k {static_k = 1 : i64} : (tensor<3x4xf32>, tensor<i64>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @trilu_rank(%x: tensor<3xf32>) -> tensor<3xf32> {
  %none = graph.none
  // expected-error @+1 {{needs an input of rank at least 2, has rank 1}}
  %0 = graph.trilu %x, %none : (tensor<3xf32>, none) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @trilu_k_type(%x: tensor<3x4xf32>, %k: tensor<f32>) -> tensor<3x4xf32> {
  // expected-error @+1 {{k must be an integer}}
  %0 = graph.trilu %x, %k : (tensor<3x4xf32>, tensor<f32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @trilu_k_scalar(%x: tensor<3x4xf32>, %k: tensor<2xi64>) -> tensor<3x4xf32> {
  // expected-error @+1 {{k must be a scalar}}
  %0 = graph.trilu %x, %k : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @resize_scale_large(%x: tensor<4xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{makes dimension 0 too large}}
  %0 = graph.resize %x, %none, %none, %none {static_scales = array<f32: 1.0e30>} : (tensor<4xf32>, none, none, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @reshape_both(%x: tensor<4xf32>, %s: tensor<1xi64>) -> tensor<4xf32> {
  // expected-error @+1 {{has both a static shape and a shape operand}}
  %0 = graph.reshape %x, %s {static_shape = array<i64: 4>} : (tensor<4xf32>, tensor<1xi64>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reshape_neither(%x: tensor<4xf32>) -> tensor<4xf32> {
  %none = graph.none
  // expected-error @+1 {{has neither a static shape nor a shape operand}}
  %0 = graph.reshape %x, %none : (tensor<4xf32>, none) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reshape_invalid_dim(%x: tensor<4xf32>) -> tensor<?xf32> {
  %none = graph.none
  // expected-error @+1 {{shape has invalid dimension -2}}
  %0 = graph.reshape %x, %none {static_shape = array<i64: -2>} : (tensor<4xf32>, none) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @reshape_copy(%x: tensor<4xf32>) -> tensor<?x?xf32> {
  %none = graph.none
  // expected-error @+1 {{shape copies dimension 1 (0) of a rank-1 input}}
  %0 = graph.reshape %x, %none {static_shape = array<i64: 4, 0>} : (tensor<4xf32>, none) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @reshape_zero_and_infer(%x: tensor<0xf32>) -> tensor<?x?xf32> {
  %none = graph.none
  // expected-error @+1 {{shape has both 0 and -1 with allowzero set}}
  %0 = graph.reshape %x, %none {static_shape = array<i64: 0, -1>, allowzero = true} : (tensor<0xf32>, none) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @reshape_multiple(%x: tensor<2x3xf32>) -> tensor<4x?xf32> {
  %none = graph.none
  // expected-error @+1 {{cannot reshape 6 elements into a multiple of 4}}
  %0 = graph.reshape %x, %none {static_shape = array<i64: 4, -1>} : (tensor<2x3xf32>, none) -> tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}
