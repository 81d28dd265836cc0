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

// -----

// A negative axis is normalized once an input is ranked.
// CHECK-LABEL: func @concat_axis
// CHECK: graph.concat %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<*xf32>, tensor<2x3xf32>) -> tensor<2x?xf32>
func.func @concat_axis(%a: tensor<*xf32>, %b: tensor<2x3xf32>) -> tensor<*xf32> {
  %0 = graph.concat %a, %b {axis = -1 : i64} : (tensor<*xf32>, tensor<2x3xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// CHECK-LABEL: func @gather_axis
// CHECK: graph.gather %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2x2xf32>
func.func @gather_axis(%x: tensor<2x3xf32>, %i: tensor<2xi64>) -> tensor<*xf32> {
  %0 = graph.gather %x, %i {axis = -1 : i64} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// CHECK-LABEL: func @constant_of_shape
// CHECK-NEXT: %[[C:.*]] = graph.constant dense<7> : tensor<2x3xi64>
// CHECK-NEXT: return %[[C]]
func.func @constant_of_shape() -> tensor<?x?xi64> {
  %s = graph.constant dense<[2, 3]> : tensor<2xi64>
  %0 = graph.constant_of_shape %s {value = dense<7> : tensor<1xi64>} : (tensor<2xi64>) -> tensor<?x?xi64>
  return %0 : tensor<?x?xi64>
}

// -----

// CHECK-LABEL: func @range
// CHECK-NEXT: %[[C:.*]] = graph.constant dense<[1, 4, 7]> : tensor<3xi64>
// CHECK-NEXT: return %[[C]]
func.func @range() -> tensor<?xi64> {
  %s = graph.constant dense<1> : tensor<i64>
  %l = graph.constant dense<8> : tensor<i64>
  %d = graph.constant dense<3> : tensor<i64>
  %0 = graph.range %s, %l, %d : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<?xi64>
  return %0 : tensor<?xi64>
}

// -----

// CHECK-LABEL: func @size
// CHECK-NEXT: %[[C:.*]] = graph.constant dense<6> : tensor<i64>
// CHECK-NEXT: return %[[C]]
func.func @size(%x: tensor<2x3xf32>) -> tensor<i64> {
  %0 = graph.size %x : (tensor<2x3xf32>) -> tensor<i64>
  return %0 : tensor<i64>
}

// -----

// CHECK-LABEL: func @flatten
// CHECK-NEXT: %[[C:.*]] = graph.constant dense<{{\[}}[1, 2], [3, 4]]> : tensor<2x2xi64>
// CHECK-NEXT: return %[[C]]
func.func @flatten() -> tensor<?x?xi64> {
  %c = graph.constant dense<[[[1, 2]], [[3, 4]]]> : tensor<2x1x2xi64>
  %0 = graph.flatten %c {axis = -1 : i64} : (tensor<2x1x2xi64>) -> tensor<?x?xi64>
  return %0 : tensor<?x?xi64>
}

// -----

// Default squeeze axes are filled in; constant axes move into the attribute,
// normalized and sorted; unsqueeze of a constant folds.
// CHECK-LABEL: func @squeeze_unsqueeze
// CHECK-DAG: %[[C:.*]] = graph.constant dense<5> : tensor<1x1xi64>
// CHECK-DAG: %[[S:.*]] = graph.squeeze %{{.*}}, %{{.*}} {static_axes = array<i64: 0, 2>} : (tensor<1x3x1xf32>, none) -> tensor<3xf32>
// CHECK-DAG: %[[U:.*]] = graph.unsqueeze %{{.*}}, %{{.*}} {static_axes = array<i64: 0, 4>} : (tensor<1x3x1xf32>, none) -> tensor<1x1x3x1x1xf32>
// CHECK: return %[[S]], %[[C]], %[[U]]
func.func @squeeze_unsqueeze(%x: tensor<1x3x1xf32>) -> (tensor<*xf32>, tensor<*xi64>, tensor<*xf32>) {
  %none = graph.none
  %0 = graph.squeeze %x, %none : (tensor<1x3x1xf32>, none) -> tensor<*xf32>
  %c = graph.constant dense<5> : tensor<i64>
  %a = graph.constant dense<[-1, 0]> : tensor<2xi64>
  %1 = graph.unsqueeze %c, %a : (tensor<i64>, tensor<2xi64>) -> tensor<*xi64>
  %2 = graph.unsqueeze %x, %a : (tensor<1x3x1xf32>, tensor<2xi64>) -> tensor<*xf32>
  return %0, %1, %2 : tensor<*xf32>, tensor<*xi64>, tensor<*xf32>
}

// -----

// Transpose of a constant folds; inverse and identity transposes vanish.
// CHECK-LABEL: func @transpose
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NEXT: %[[C:.*]] = graph.constant dense<{{\[}}[1, 4], [2, 5], [3, 6]]> : tensor<3x2xi32>
// CHECK-NEXT: return %[[C]], %[[X]], %[[X]]
func.func @transpose(%x: tensor<2x3xf32>) -> (tensor<*xi32>, tensor<*xf32>, tensor<*xf32>) {
  %c = graph.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %0 = graph.transpose %c : (tensor<2x3xi32>) -> tensor<*xi32>
  %1 = graph.transpose %x {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %2 = graph.transpose %1 {perm = array<i64: 1, 0>} : (tensor<3x2xf32>) -> tensor<*xf32>
  %3 = graph.transpose %x {perm = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<*xf32>
  return %0, %2, %3 : tensor<*xi32>, tensor<*xf32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func @expand_tile
// CHECK-DAG: %[[E:.*]] = graph.constant dense<{{\[}}[1, 1, 1], [2, 2, 2]]> : tensor<2x3xi64>
// CHECK-DAG: %[[T:.*]] = graph.constant dense<{{\[}}[1, 1, 1], [2, 2, 2], [1, 1, 1], [2, 2, 2]]> : tensor<4x3xi64>
// CHECK: return %[[E]], %[[T]]
func.func @expand_tile() -> (tensor<*xi64>, tensor<*xi64>) {
  %c = graph.constant dense<[[1], [2]]> : tensor<2x1xi64>
  %s = graph.constant dense<[2, 3]> : tensor<2xi64>
  %0 = graph.expand %c, %s : (tensor<2x1xi64>, tensor<2xi64>) -> tensor<*xi64>
  %1 = graph.tile %c, %s : (tensor<2x1xi64>, tensor<2xi64>) -> tensor<*xi64>
  return %0, %1 : tensor<*xi64>, tensor<*xi64>
}

// -----

// Slices of constants fold (here a negative step); full slices vanish;
// constant operands move into the attributes, with the defaults filled in.
// CHECK-LABEL: func @slice
// CHECK-SAME: (%[[X:.*]]: tensor<4x5xf32>)
// CHECK-DAG: %[[C:.*]] = graph.constant dense<[6, 4, 2]> : tensor<3xi64>
// CHECK-DAG: %[[S:.*]] = graph.slice %[[X]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {static_axes = array<i64: 1>, static_ends = array<i64: 100>, static_starts = array<i64: 1>, static_steps = array<i64: 1>} : (tensor<4x5xf32>, none, none, none, none) -> tensor<4x4xf32>
// CHECK: return %[[C]], %[[X]], %[[S]]
func.func @slice(%x: tensor<4x5xf32>) -> (tensor<*xi64>, tensor<*xf32>, tensor<*xf32>) {
  %none = graph.none
  %c = graph.constant dense<[1, 2, 3, 4, 5, 6]> : tensor<6xi64>
  %s = graph.constant dense<-1> : tensor<1xi64>
  %e = graph.constant dense<-10> : tensor<1xi64>
  %st = graph.constant dense<-2> : tensor<1xi64>
  %0 = graph.slice %c, %s, %e, %none, %st : (tensor<6xi64>, tensor<1xi64>, tensor<1xi64>, none, tensor<1xi64>) -> tensor<*xi64>
  %1 = graph.slice %x, %none, %none, %none, %none {static_starts = array<i64: 0>, static_ends = array<i64: 100>, static_axes = array<i64: -1>} : (tensor<4x5xf32>, none, none, none, none) -> tensor<*xf32>
  %2 = graph.slice %x, %none, %none, %none, %none {static_starts = array<i64: 1>, static_ends = array<i64: 100>, static_axes = array<i64: -1>} : (tensor<4x5xf32>, none, none, none, none) -> tensor<*xf32>
  return %0, %1, %2 : tensor<*xi64>, tensor<*xf32>, tensor<*xf32>
}

// -----

// CHECK-LABEL: func @split
// CHECK-DAG: %[[A:.*]] = graph.constant dense<{{\[}}[1], [4]]> : tensor<2x1xi64>
// CHECK-DAG: %[[B:.*]] = graph.constant dense<{{\[}}[2, 3], [5, 6]]> : tensor<2x2xi64>
// CHECK: return %[[A]], %[[B]]
func.func @split() -> (tensor<*xi64>, tensor<*xi64>) {
  %c = graph.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
  %s = graph.constant dense<[1, 2]> : tensor<2xi64>
  %0:2 = graph.split %c, %s {axis = -1 : i64} : (tensor<2x3xi64>, tensor<2xi64>) -> (tensor<*xi64>, tensor<*xi64>)
  return %0#0, %0#1 : tensor<*xi64>, tensor<*xi64>
}

// -----

// Pads on some axes become pads on all; zero pads vanish.
// CHECK-LABEL: func @pad
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK: %[[P:.*]] = graph.pad %[[X]], %{{.*}}, %{{.*}}, %{{.*}} {static_pads = array<i64: 0, 1, 0, 2>} : (tensor<2x3xf32>, none, none, none) -> tensor<2x6xf32>
// CHECK: return %[[P]], %[[X]]
func.func @pad(%x: tensor<2x3xf32>) -> (tensor<*xf32>, tensor<*xf32>) {
  %none = graph.none
  %p = graph.constant dense<[1, 2]> : tensor<2xi64>
  %a = graph.constant dense<[-1]> : tensor<1xi64>
  %0 = graph.pad %x, %p, %none, %a : (tensor<2x3xf32>, tensor<2xi64>, none, tensor<1xi64>) -> tensor<*xf32>
  %1 = graph.pad %x, %none, %none, %none {static_pads = array<i64: 0, 0, 0, 0>} : (tensor<2x3xf32>, none, none, none) -> tensor<*xf32>
  return %0, %1 : tensor<*xf32>, tensor<*xf32>
}

// -----

// An empty roi is dropped; constant scales move into the attribute.
// CHECK-LABEL: func @resize
// CHECK: graph.resize %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {axes = array<i64: 0, 1, 2, 3>, static_scales = array<f32: 1.000000e+00, 1.000000e+00, 2.000000e+00, 3.000000e+00>} : (tensor<1x1x2x2xf32>, none, none, none) -> tensor<1x1x4x6xf32>
func.func @resize(%x: tensor<1x1x2x2xf32>) -> tensor<*xf32> {
  %roi = graph.constant dense<> : tensor<0xf32>
  %s = graph.constant dense<[1.0, 1.0, 2.0, 3.0]> : tensor<4xf32>
  %none = graph.none
  %0 = graph.resize %x, %roi, %s, %none : (tensor<1x1x2x2xf32>, tensor<0xf32>, tensor<4xf32>, none) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// CHECK-LABEL: func @trilu
// CHECK: graph.trilu %{{.*}}, %{{.*}} {static_k = 1 : i64} : (tensor<2x2xf32>, none) -> tensor<2x2xf32>
func.func @trilu(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %k = graph.constant dense<1> : tensor<i64>
  %0 = graph.trilu %x, %k : (tensor<2x2xf32>, tensor<i64>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// CHECK-LABEL: func @reshape_reshape
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[R:.*]] = graph.reshape %[[X]], %{{.*}} {static_shape = array<i64: 4, -1>} : (tensor<2x3x4xf32>, none) -> tensor<4x6xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_reshape(%x: tensor<2x3x4xf32>) -> tensor<*xf32> {
  %none = graph.none
  %0 = graph.reshape %x, %none {static_shape = array<i64: 6, 4>} : (tensor<2x3x4xf32>, none) -> tensor<6x4xf32>
  %1 = graph.reshape %0, %none {static_shape = array<i64: 4, -1>} : (tensor<6x4xf32>, none) -> tensor<*xf32>
  return %1 : tensor<*xf32>
}

// -----

// Exported shape arithmetic (Shape, Gather, Unsqueeze, Concat, Slice, Size,
// ConstantOfShape, Expand) folds away when the shapes are static.
// CHECK-LABEL: func @torch_flatten
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK-NOT: graph.shape
// CHECK-NOT: graph.concat
// CHECK-DAG: %[[N:.*]] = graph.constant dense<24> : tensor<i64>
// CHECK-DAG: %[[Z:.*]] = graph.constant dense<0> : tensor<3x4xi64>
// CHECK-DAG: %[[R:.*]] = graph.reshape %[[X]], %{{.*}} {static_shape = array<i64: 2, -1>} : (tensor<2x3x4xf32>, none) -> tensor<2x12xf32>
// CHECK: return %[[R]], %[[N]], %[[Z]], %[[X]]
func.func @torch_flatten(%x: tensor<2x3x4xf32>) -> (tensor<*xf32>, tensor<i64>, tensor<*xi64>, tensor<*xf32>) {
  %none = graph.none
  %s = graph.shape %x : (tensor<2x3x4xf32>) -> tensor<3xi64>
  %i = graph.constant dense<0> : tensor<i64>
  %d = graph.gather %s, %i {axis = 0 : i64} : (tensor<3xi64>, tensor<i64>) -> tensor<i64>
  %u = graph.unsqueeze %d, %none {static_axes = array<i64: 0>} : (tensor<i64>, none) -> tensor<1xi64>
  %m = graph.constant dense<-1> : tensor<1xi64>
  %t = graph.concat %u, %m {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %r = graph.reshape %x, %t : (tensor<2x3x4xf32>, tensor<2xi64>) -> tensor<*xf32>
  %n = graph.size %x : (tensor<2x3x4xf32>) -> tensor<i64>
  %sl = graph.slice %s, %none, %none, %none, %none {static_starts = array<i64: -2>, static_ends = array<i64: 9223372036854775807>} : (tensor<3xi64>, none, none, none, none) -> tensor<*xi64>
  %z = graph.constant_of_shape %sl {value = dense<0> : tensor<1xi64>} : (tensor<*xi64>) -> tensor<*xi64>
  %e = graph.expand %x, %sl : (tensor<2x3x4xf32>, tensor<*xi64>) -> tensor<*xf32>
  return %r, %n, %z, %e : tensor<*xf32>, tensor<i64>, tensor<*xi64>, tensor<*xf32>
}

// -----

// With a dynamic batch dimension, the static dimensions of the shape still
// fold: through Gather and through a Slice (which becomes a Shape range).
// CHECK-LABEL: func @dynamic_batch
// CHECK-SAME: (%[[X:.*]]: tensor<?x3x4xf32>)
// CHECK-DAG: %[[T:.*]] = graph.constant dense<[3, 4]> : tensor<2xi64>
// CHECK-DAG: %[[D:.*]] = graph.constant dense<4> : tensor<1xi64>
// CHECK-DAG: %[[B:.*]] = graph.shape %[[X]] {end = 1 : i64} : (tensor<?x3x4xf32>) -> tensor<1xi64>
// CHECK: return %[[T]], %[[D]], %[[B]]
func.func @dynamic_batch(%x: tensor<?x3x4xf32>) -> (tensor<*xi64>, tensor<*xi64>, tensor<*xi64>) {
  %none = graph.none
  %s = graph.shape %x : (tensor<?x3x4xf32>) -> tensor<3xi64>
  %0 = graph.slice %s, %none, %none, %none, %none {static_starts = array<i64: 1>, static_ends = array<i64: 3>} : (tensor<3xi64>, none, none, none, none) -> tensor<*xi64>
  %i = graph.constant dense<[-1]> : tensor<1xi64>
  %1 = graph.gather %s, %i {axis = 0 : i64} : (tensor<3xi64>, tensor<1xi64>) -> tensor<*xi64>
  %2 = graph.slice %s, %none, %none, %none, %none {static_starts = array<i64: 0>, static_ends = array<i64: 1>} : (tensor<3xi64>, none, none, none, none) -> tensor<*xi64>
  return %0, %1, %2 : tensor<*xi64>, tensor<*xi64>, tensor<*xi64>
}
