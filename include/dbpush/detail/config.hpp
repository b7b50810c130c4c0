// dbpush: configuration shared by every header.
#pragma once

// Every non-template function of dbpush is declared DBPUSH_INLINE. In the default
// header-only mode it expands to `inline`. Defining DBPUSH_SEPARATE_COMPILATION
// in every TU (and compiling the engine once, from one .cpp that includes
// <dbpush/impl/core.hpp> and the dialects' <dbpush/impl/sqlite.hpp> or
// <dbpush/impl/postgres.hpp>) turns the engine's ordinary code into out-of-line
// definitions, so user translation units only parse declarations (see docs/build.md).
#ifdef DBPUSH_SEPARATE_COMPILATION
#define DBPUSH_INLINE
#else
#define DBPUSH_INLINE inline
#define DBPUSH_HEADER_ONLY 1
#endif
