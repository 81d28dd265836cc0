//===- CatchCompat.h - Catch2 v3 or v2, whichever is installed --*- C++ -*-===//
//
// Debian bookworm ships Catch2 2.13; newer systems ship v3. The macros the
// tests use (TEST_CASE, SECTION, REQUIRE, CHECK, GENERATE) are the same.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_TEST_RUNTIME_CATCHCOMPAT_H
#define MLC_TEST_RUNTIME_CATCHCOMPAT_H

#if __has_include(<catch2/catch_test_macros.hpp>)
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>
#else
#include <catch2/catch.hpp>
#endif

#endif // MLC_TEST_RUNTIME_CATCHCOMPAT_H
