// dbpush: small text helpers every layer shares: whitespace trimming, ASCII
// case folding and SQL's quoting by doubling the quote character.
//
// Case folding is ASCII only, whatever the C++ locale: SQL keywords and the
// names both databases fold are ASCII (SQLite ignores the case of ASCII
// letters only; PostgreSQL folds unquoted names in ASCII under UTF-8).
#pragma once

#include <dbpush/detail/config.hpp>

#include <string>
#include <string_view>

namespace db::detail {

// `text` without leading and trailing whitespace (space, \t, \n, \v, \f, \r).
DBPUSH_INLINE std::string_view trim(std::string_view text);

DBPUSH_INLINE char to_upper_ascii(char c);
DBPUSH_INLINE std::string to_upper_ascii(std::string_view text);
DBPUSH_INLINE std::string to_lower_ascii(std::string_view text);
// Whether `text` is `upper` (upper case) in any ASCII case: a keyword test.
DBPUSH_INLINE bool equals_upper_ascii(std::string_view text, std::string_view upper);

// `text` trimmed, each run of whitespace inside it one space, and none before
// a character of `tight` or after '(' or ',': with tight "(),", "numeric( 10 , 2 )"
// becomes "numeric(10,2)". How both dialects spell a type name canonically.
DBPUSH_INLINE std::string collapse_spaces(std::string_view text, std::string_view tight);

// `text` between two `quote`s, each `quote` inside it doubled: 'it''s', "a""b".
DBPUSH_INLINE std::string quoted(std::string_view text, char quote);
// The same, appended to `out`: rendering many statements into one buffer
// allocates once instead of once per piece.
DBPUSH_INLINE void append_quoted(std::string& out, std::string_view text, char quote);

}  // namespace db::detail

#ifdef DBPUSH_DEFINE_CORE
#include <dbpush/detail/text.ipp>
#endif
