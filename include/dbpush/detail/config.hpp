// dbpush: configuration shared by every header.
#pragma once

// Every non-template function of dbpush's engine is declared DBPUSH_INLINE. In
// the header-only mode (no define) it expands to `inline`: each TU that calls
// the engine compiles it. With DBPUSH_SEPARATE_COMPILATION defined it expands to
// nothing: TUs see declarations only, and the engine is compiled once from
// <dbpush/impl/core.hpp>, <dbpush/impl/sqlite.hpp>, <dbpush/impl/postgres.hpp>
// and <dbpush/impl/tools.hpp>. The CMake targets dbpush::dbpush, dbpush::sqlite,
// dbpush::postgres and dbpush::tools do both (see docs/build.md).
//
// A header whose functions are defined in a .ipp includes it at its end when
// its part's DBPUSH_DEFINE_<PART> is set: the core (model, schema, diff, check,
// push, and the dialects' type_names), SQLITE, POSTGRES or TOOLS (diff_sql,
// generators, cli). Header-only, every part is set; with the define, only the
// impl header of a part sets its own, before it includes the part's headers,
// so each part's definitions are exactly those its headers reach.
#ifdef DBPUSH_SEPARATE_COMPILATION
#define DBPUSH_INLINE
#else
#define DBPUSH_INLINE inline
#define DBPUSH_HEADER_ONLY 1
#define DBPUSH_DEFINE_CORE 1
#define DBPUSH_DEFINE_SQLITE 1
#define DBPUSH_DEFINE_POSTGRES 1
#define DBPUSH_DEFINE_TOOLS 1
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
