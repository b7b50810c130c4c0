// dbpush: configuration shared by every header.
#pragma once

// Every non-template function of dbpush's engine is declared DBPUSH_INLINE. In
// the header-only mode (no define) it expands to `inline`: each TU that calls
// the engine compiles it. With DBPUSH_SEPARATE_COMPILATION defined it expands to
// nothing: TUs see declarations only, and the engine is compiled once from
// <dbpush/impl/core.hpp>, <dbpush/impl/sqlite.hpp> and <dbpush/impl/postgres.hpp>.
// The CMake targets dbpush::dbpush, dbpush::sqlite and dbpush::postgres do both
// (see docs/build.md).
#ifdef DBPUSH_SEPARATE_COMPILATION
#define DBPUSH_INLINE
#else
#define DBPUSH_INLINE inline
#define DBPUSH_HEADER_ONLY 1
#endif

// The mode must be the same in every TU of a program: mixed, an engine function
// is inline in some TUs and out-of-line in others, an ODR violation that nothing
// else reports (the linker silently keeps one definition). So every TU that
// includes dbpush defines this symbol, as a thread-local variable in
// separate-compilation TUs and as a plain one in header-only TUs, and GNU ld and
// gold refuse to link the two kinds:
//   dbpush_separate_compilation_differs_between_TUs: TLS definition in a.o
//   section .tdata mismatches non-TLS definition in b.o section .rodata
// Weak, so that every TU of one mode may define it; one byte, no code.
#if defined(__GNUC__) && defined(__ELF__)
extern "C" {
#ifdef DBPUSH_SEPARATE_COMPILATION
[[gnu::weak]] extern thread_local const char dbpush_separate_compilation_differs_between_TUs = 1;
#else
[[gnu::weak]] extern const char dbpush_separate_compilation_differs_between_TUs = 0;
#endif
}
#endif
